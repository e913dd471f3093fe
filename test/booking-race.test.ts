/**
 * Never double-booked: customers racing for the same slots at once, on PGlite and
 * PostgreSQL. The database decides (booking_seats' primary key), not a check in the code.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookSlot } from '../src/booking/book-slot.js';
import type { BookingOutcome } from '../src/booking/booking.js';
import { bookingResources, bookings, bookingSeats } from '../src/db/schema.js';
import { BOOKING_NOW, createBookingFixture, fridayAt } from './support/booking-fixture.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/test-database.js';

describe.each(ENGINES)('booking races on %s', (engine) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it('30 customers racing for 5 one-seat slots: exactly 5 bookings, none overlapping, 25 offered other slots', async () => {
    const { db } = test.database;
    const fixture = await createBookingFixture(db, `race-${engine}`, { contacts: 30 });
    const wanted = ['09:00', '10:00', '11:00', '12:00', '13:00'];
    const outcomes = await Promise.all(
      fixture.contactIds.map((contactId, i) =>
        bookSlot(
          db,
          {
            workspaceId: fixture.workspaceId,
            resourceId: fixture.resourceId,
            contactId,
            startsAt: fridayAt(wanted[i % 5]!),
          },
          { now: BOOKING_NOW },
        ).then((outcome) => ({ outcome, wanted: fridayAt(wanted[i % 5]!) })),
      ),
    );

    const booked = outcomes.filter(({ outcome }) => outcome.status === 'booked');
    const taken = outcomes.filter(({ outcome }) => outcome.status === 'taken');
    expect(booked).toHaveLength(5);
    expect(taken).toHaveLength(25);

    const rows = await db.select().from(bookings).where(eq(bookings.workspaceId, fixture.workspaceId));
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => r.startsAt.toISOString()).sort()).toEqual(wanted.map((t) => fridayAt(t).toISOString()));
    for (const a of rows) {
      for (const b of rows) {
        if (a.id !== b.id) expect(a.startsAt < b.endsAt && b.startsAt < a.endsAt).toBe(false);
      }
    }
    // Each booking holds its twelve 5-minute steps, one seat each.
    const [seats] = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(bookingSeats)
      .where(eq(bookingSeats.resourceId, fixture.resourceId));
    expect(seats?.count).toBe(60);

    for (const { outcome, wanted: lost } of taken) {
      const alternatives = (outcome as Extract<BookingOutcome, { status: 'taken' }>).alternatives;
      const offered = alternatives.map((s) => s.startsAt.getTime());
      expect(offered).not.toContain(lost.getTime());
      // 14:00–16:00 were never raced for: always among the next free slots.
      expect(offered).toEqual(expect.arrayContaining([fridayAt('14:00').getTime(), fridayAt('16:00').getTime()]));
      expect(alternatives.every((s) => s.label.endsWith('WIB'))).toBe(true);
    }
  });

  it('a slot with capacity 2 takes exactly 2 of 10 racers, the buffer included', async () => {
    const { db } = test.database;
    const fixture = await createBookingFixture(db, `capacity-${engine}`, {
      contacts: 10,
      capacity: 2,
      bufferMinutes: 15,
    });
    const outcomes = await Promise.all(
      fixture.contactIds.map((contactId) =>
        bookSlot(
          db,
          { workspaceId: fixture.workspaceId, resourceId: fixture.resourceId, contactId, startsAt: fridayAt('09:00') },
          { now: BOOKING_NOW },
        ),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'booked')).toHaveLength(2);
    // 09:00 + 60 min + 15 min buffer: 15 steps on seats 1 and 2.
    const seats = await db
      .select({ seat: bookingSeats.seat, count: sql<number>`count(*)::int` })
      .from(bookingSeats)
      .where(eq(bookingSeats.resourceId, fixture.resourceId))
      .groupBy(bookingSeats.seat)
      .orderBy(bookingSeats.seat);
    expect(seats).toEqual([
      { seat: 1, count: 15 },
      { seat: 2, count: 15 },
    ]);
  });

  it('still refuses an overlap after the slot length changes the grid', async () => {
    const { db } = test.database;
    const fixture = await createBookingFixture(db, `grid-${engine}`, { contacts: 2 });
    const [first, second] = fixture.contactIds;
    const ids = { workspaceId: fixture.workspaceId, resourceId: fixture.resourceId };
    expect(
      (await bookSlot(db, { ...ids, contactId: first!, startsAt: fridayAt('09:00') }, { now: BOOKING_NOW })).status,
    ).toBe('booked');
    // 45-minute slots now: 09:00, 09:45, … — 09:45 overlaps the 09:00–10:00 booking.
    await db
      .update(bookingResources)
      .set({ slotMinutes: 45 })
      .where(and(eq(bookingResources.workspaceId, fixture.workspaceId), eq(bookingResources.id, fixture.resourceId)));
    const overlap = await bookSlot(
      db,
      { ...ids, contactId: second!, startsAt: fridayAt('09:45') },
      { now: BOOKING_NOW },
    );
    expect(overlap.status).toBe('taken');
    const after = await bookSlot(db, { ...ids, contactId: second!, startsAt: fridayAt('10:30') }, { now: BOOKING_NOW });
    expect(after.status).toBe('booked');
  });
});
