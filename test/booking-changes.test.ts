/**
 * Cancelling and moving bookings, and the input bookSlot refuses, on PGlite and PostgreSQL:
 * a cancelled booking frees its seats at once; a move is all or nothing.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bookSlot } from '../src/booking/book-slot.js';
import type { Booking, BookingOutcome } from '../src/booking/booking.js';
import { cancelBooking } from '../src/booking/cancel-booking.js';
import { listBookings } from '../src/booking/list-bookings.js';
import { markBookingOutcome } from '../src/booking/mark-booking-outcome.js';
import { rescheduleBooking } from '../src/booking/reschedule-booking.js';
import { UserError } from '../src/core/user-error.js';
import type { AriDatabase } from '../src/db/open-database.js';
import { bookings, bookingSeats } from '../src/db/schema.js';
import { BOOKING_NOW, type BookingFixture, createBookingFixture, fridayAt } from './support/booking-fixture.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/test-database.js';

function booked(outcome: BookingOutcome): Booking {
  if (outcome.status !== 'booked') throw new Error(`expected a booking, got ${outcome.status}`);
  return outcome.booking;
}

async function seatsOf(db: AriDatabase, bookingId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(bookingSeats)
    .where(eq(bookingSeats.bookingId, bookingId));
  return row!.count;
}

describe.each(ENGINES)('booking changes on %s', (engine) => {
  let test: TestDatabase;
  let db: AriDatabase;
  let fixture: BookingFixture;
  let n = 0;
  const book = (contact: number, time: string) =>
    bookSlot(
      db,
      {
        workspaceId: fixture.workspaceId,
        resourceId: fixture.resourceId,
        contactId: fixture.contactIds[contact]!,
        startsAt: fridayAt(time),
      },
      { now: BOOKING_NOW },
    );

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    db = test.database.db;
  });
  afterAll(async () => {
    await test?.dispose();
  });
  beforeEach(async () => {
    fixture = await createBookingFixture(db, `changes-${engine}-${++n}`, { contacts: 3 });
  });

  it('a cancelled booking frees its seat for the next customer', async () => {
    const first = booked(await book(0, '09:00'));
    expect(await seatsOf(db, first.id)).toBe(12);
    expect((await book(1, '09:00')).status).toBe('taken');

    const cancelled = await cancelBooking(db, { workspaceId: fixture.workspaceId, bookingId: first.id });
    expect(cancelled.status).toBe('cancelled');
    expect(await seatsOf(db, first.id)).toBe(0);
    // Twice is harmless.
    expect((await cancelBooking(db, { workspaceId: fixture.workspaceId, bookingId: first.id })).status).toBe(
      'cancelled',
    );

    const second = booked(await book(1, '09:00'));
    expect(second.startsAt.toISOString()).toBe('2026-11-27T02:00:00.000Z');
  });

  it('does not cancel a booking that already took place', async () => {
    const first = booked(await book(0, '09:00'));
    await db.update(bookings).set({ status: 'attended' }).where(eq(bookings.id, first.id));
    await expect(cancelBooking(db, { workspaceId: fixture.workspaceId, bookingId: first.id })).rejects.toThrow(
      /already marked attended/,
    );
    expect(await seatsOf(db, first.id)).toBe(12);
  });

  it('moves a booking: the old one cancelled and its time free, the new one pointing back at it', async () => {
    const first = booked(await book(0, '09:00'));
    const moved = booked(
      await rescheduleBooking(
        db,
        { workspaceId: fixture.workspaceId, bookingId: first.id, startsAt: fridayAt('11:00') },
        { now: BOOKING_NOW },
      ),
    );
    expect(moved.rescheduledFrom).toBe(first.id);
    expect(moved.contactId).toBe(first.contactId);
    expect(moved.startsAt.toISOString()).toBe(fridayAt('11:00').toISOString());
    const [old] = await db.select().from(bookings).where(eq(bookings.id, first.id));
    expect(old?.status).toBe('cancelled');
    expect(await seatsOf(db, first.id)).toBe(0);
    expect(await seatsOf(db, moved.id)).toBe(12);
    expect((await book(1, '09:00')).status).toBe('booked');
    expect((await book(2, '11:00')).status).toBe('taken');
  });

  it('a move to a taken time changes nothing and offers the free slots', async () => {
    const first = booked(await book(0, '09:00'));
    booked(await book(1, '10:00'));
    const outcome = await rescheduleBooking(
      db,
      { workspaceId: fixture.workspaceId, bookingId: first.id, startsAt: fridayAt('10:00') },
      { now: BOOKING_NOW },
    );
    expect(outcome.status).toBe('taken');
    if (outcome.status === 'taken') {
      expect(outcome.alternatives.map((s) => s.time)).toEqual(['11:00', '12:00', '13:00', '14:00', '15:00']);
    }
    const [kept] = await db.select().from(bookings).where(eq(bookings.id, first.id));
    expect(kept?.status).toBe('booked');
    expect(await seatsOf(db, first.id)).toBe(12);
    const all = await db.select().from(bookings).where(eq(bookings.workspaceId, fixture.workspaceId));
    expect(all).toHaveLength(2);
  });

  it('moves a booking within its own hour (its old seats are freed first)', async () => {
    const first = booked(await book(0, '09:00'));
    const again = await rescheduleBooking(
      db,
      { workspaceId: fixture.workspaceId, bookingId: first.id, startsAt: fridayAt('09:00') },
      { now: BOOKING_NOW },
    );
    expect(again.status).toBe('booked');
  });

  it('staff mark attended or no_show once the time has come; the seats stay taken', async () => {
    const first = booked(await book(0, '09:00'));
    const ids = { workspaceId: fixture.workspaceId, bookingId: first.id };
    await expect(markBookingOutcome(db, { ...ids, status: 'attended' }, { now: BOOKING_NOW })).rejects.toThrow(
      /not started yet/,
    );
    const afterwards = { now: fridayAt('09:10') };
    expect((await markBookingOutcome(db, { ...ids, status: 'no_show' }, afterwards)).status).toBe('no_show');
    expect((await markBookingOutcome(db, { ...ids, status: 'attended' }, afterwards)).status).toBe('attended');
    await expect(markBookingOutcome(db, { ...ids, status: 'cancelled' as never }, afterwards)).rejects.toThrow(
      UserError,
    );
    expect(await seatsOf(db, first.id)).toBe(12);
    await expect(rescheduleBooking(db, { ...ids, startsAt: fridayAt('11:00') }, { now: BOOKING_NOW })).rejects.toThrow(
      /attended booking cannot be moved/,
    );
  });

  it('lists a calendar: bookings starting in the range, soonest first, filtered by status', async () => {
    const late = booked(await book(0, '15:00'));
    const early = booked(await book(1, '09:00'));
    await cancelBooking(db, { workspaceId: fixture.workspaceId, bookingId: late.id });
    const friday = { from: fridayAt('00:00'), to: fridayAt('23:55') };
    const all = await listBookings(db, fixture.workspaceId, friday);
    expect(all.map((b) => [b.id, b.status, b.resourceName, b.contactName])).toEqual([
      [early.id, 'booked', 'Consultant Dewi', 'Customer 2'],
      [late.id, 'cancelled', 'Consultant Dewi', 'Customer 1'],
    ]);
    expect((await listBookings(db, fixture.workspaceId, { ...friday, status: 'booked' })).map((b) => b.id)).toEqual([
      early.id,
    ]);
    expect(await listBookings(db, fixture.workspaceId, { from: fridayAt('10:00'), to: fridayAt('15:00') })).toEqual([]);
    await expect(listBookings(db, fixture.workspaceId, { from: friday.to, to: friday.from })).rejects.toThrow(
      /to must be after from/,
    );
    await expect(listBookings(db, fixture.workspaceId, { ...friday, status: 'maybe' as never })).rejects.toThrow(
      UserError,
    );
  });

  it('refuses what is not a slot, another workspace and a stranger, writing nothing', async () => {
    const other = await createBookingFixture(db, `other-${engine}-${n}`, { contacts: 1 });
    const base = {
      workspaceId: fixture.workspaceId,
      resourceId: fixture.resourceId,
      contactId: fixture.contactIds[0]!,
      startsAt: fridayAt('09:00'),
    };
    const refusals: [object, RegExp][] = [
      [{ ...base, startsAt: fridayAt('08:00') }, /2026-11-27 08:00 WIB is not a slot/],
      [{ ...base, startsAt: fridayAt('09:30') }, /09:30 WIB is not a slot/],
      // Saturday: no hours.
      [{ ...base, startsAt: new Date('2026-11-28T02:00:00Z') }, /not a slot/],
      [{ ...base, resourceId: other.resourceId }, /no booking resource/],
      [{ ...base, contactId: other.contactIds[0]! }, /no such contact/],
      [{ ...base, contactId: 'not-a-uuid' }, /contactId/],
      [{ ...base, extra: true }, /extra/],
    ];
    for (const [input, message] of refusals) {
      const error = await bookSlot(db, input as never, { now: BOOKING_NOW }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).message).toMatch(message);
    }
    // Too soon: lead time is an hour, so 09:00 is not bookable at 08:30.
    const late = await bookSlot(db, base, { now: new Date('2026-11-27T01:30:00Z') }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(UserError);
    const written = await db.select().from(bookings).where(eq(bookings.workspaceId, fixture.workspaceId));
    expect(written).toHaveLength(0);
    const seats = await db.select().from(bookingSeats).where(eq(bookingSeats.workspaceId, fixture.workspaceId));
    expect(seats).toHaveLength(0);
  });
});
