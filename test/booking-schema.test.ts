/**
 * The booking tables refuse what the code must never write, on PGlite and PostgreSQL:
 * a status outside the vocabulary, a seat taken twice, a time off the 5-minute grid,
 * another workspace's resource.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOKING_STATUSES } from '../src/core/vocabulary.js';
import { violatedConstraint } from '../src/db/constraint-violation.js';
import { bookings, bookingSeats } from '../src/db/schema.js';
import { createBookingFixture, fridayAt } from './support/booking-fixture.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/test-database.js';

describe.each(ENGINES)('booking tables on %s', (engine) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it('derives the status check from the vocabulary', async () => {
    const [row] = await test.database.query<{ def: string }>(
      `select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'bookings_status_valid'`,
    );
    for (const status of BOOKING_STATUSES) expect(row?.def).toContain(`'${status}'`);
  });

  it('refuses a bad status, an off-grid time, a second holder of a seat and a foreign resource', async () => {
    const { db } = test.database;
    const mine = await createBookingFixture(db, `schema-${engine}`, { contacts: 1 });
    const theirs = await createBookingFixture(db, `schema-other-${engine}`, { contacts: 1 });
    const booking = {
      workspaceId: mine.workspaceId,
      resourceId: mine.resourceId,
      contactId: mine.contactIds[0]!,
      startsAt: fridayAt('09:00'),
      endsAt: fridayAt('10:00'),
    };
    const refused = (write: Promise<unknown>) => write.then(() => null, violatedConstraint);

    expect(await refused(db.insert(bookings).values({ ...booking, status: 'maybe' as never }))).toBe(
      'bookings_status_valid',
    );
    expect(await refused(db.insert(bookings).values({ ...booking, startsAt: new Date('2026-11-27T02:03:00Z') }))).toBe(
      'bookings_starts_on_grid',
    );
    expect(await refused(db.insert(bookings).values({ ...booking, endsAt: fridayAt('09:00') }))).toBe(
      'bookings_ordered',
    );
    expect(await refused(db.insert(bookings).values({ ...booking, resourceId: theirs.resourceId }))).toBe(
      'bookings_resource_fk',
    );

    const [a] = await db.insert(bookings).values(booking).returning();
    const [b] = await db.insert(bookings).values(booking).returning();
    const seat = { resourceId: mine.resourceId, at: fridayAt('09:00'), seat: 1, workspaceId: mine.workspaceId };
    await db.insert(bookingSeats).values({ ...seat, bookingId: a!.id });
    expect(await refused(db.insert(bookingSeats).values({ ...seat, bookingId: b!.id }))).toBe('booking_seats_pk');
    expect(await refused(db.insert(bookingSeats).values({ ...seat, seat: 0, bookingId: b!.id }))).toBe(
      'booking_seats_seat_positive',
    );
  });
});
