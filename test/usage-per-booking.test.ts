/**
 * AI cost per booked consultation in the usage report, on PGlite and PostgreSQL: the bookings
 * made on the report's local days and still standing (a cancelled one does not count, a moved
 * one counts once), the cost divided exactly (truncated to 12 decimals), null when there are
 * none; the same figure in `ari usage`, the API's JSON and the CLI's text; another workspace's
 * bookings never counted.
 */
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookSlot } from '../src/booking/book-slot.js';
import type { Booking, BookingOutcome } from '../src/booking/booking.js';
import { cancelBooking } from '../src/booking/cancel-booking.js';
import { rescheduleBooking } from '../src/booking/reschedule-booking.js';
import { applyMigrations } from '../src/db/migrations.js';
import { type Database, type DatabaseTarget, openDatabase } from '../src/db/open-database.js';
import { aiUsage, bookings } from '../src/db/schema.js';
import { getUsageReport } from '../src/usage/get-usage-report.js';
import { BOOKING_NOW, createBookingFixture, fridayAt } from './support/booking-fixture.js';
import { ariEnv, runAri } from './support/run-ari.js';
import { runAriInProcess } from './support/run-ari-in-process.js';
import { createPostgresDatabase, ENGINES, freshDataDir } from './support/test-database.js';

function booked(outcome: BookingOutcome): Booking {
  if (outcome.status !== 'booked') throw new Error(`expected a booking, got ${outcome.status}`);
  return outcome.booking;
}

const RANGE = { from: '2026-11-01', to: '2026-11-20' };

/** One workspace's AI spend and bookings around Jakarta's (UTC+7) midnights. */
async function seed(database: Database): Promise<void> {
  const { db } = database;
  const fixture = await createBookingFixture(db, 'eagle', { contacts: 5 });
  const { workspaceId, resourceId, contactIds } = fixture;
  const book = async (contact: number, time: string) =>
    booked(
      await bookSlot(
        db,
        { workspaceId, resourceId, contactId: contactIds[contact]!, startsAt: fridayAt(time) },
        { now: BOOKING_NOW },
      ),
    );
  const made = {
    // 16:59 UTC on the 10th is 23:59 in Jakarta: in the range.
    lastMinute: await book(0, '09:00'),
    // 17:30 UTC on the 20th is 00:30 on the 21st in Jakarta: after the range.
    nextDay: await book(1, '10:00'),
    cancelled: await book(2, '11:00'),
    moved: await book(3, '12:00'),
    plain: await book(4, '13:00'),
  };
  const madeAt = (booking: Booking, at: string) =>
    db
      .update(bookings)
      .set({ createdAt: new Date(at) })
      .where(eq(bookings.id, booking.id));
  await madeAt(made.lastMinute, '2026-11-10T16:59:00Z');
  await madeAt(made.nextDay, '2026-11-20T17:30:00Z');
  await madeAt(made.cancelled, '2026-11-05T03:00:00Z');
  await madeAt(made.plain, '2026-11-12T03:00:00Z');
  await cancelBooking(db, { workspaceId, bookingId: made.cancelled.id });
  const moved = booked(
    await rescheduleBooking(
      db,
      { workspaceId, bookingId: made.moved.id, startsAt: fridayAt('15:00') },
      { now: BOOKING_NOW },
    ),
  );
  await db
    .update(bookings)
    .set({ createdAt: new Date('2026-11-06T03:00:00Z') })
    .where(inArray(bookings.id, [made.moved.id, moved.id]));

  // Another workspace's booking on the same days is not this one's.
  const other = await createBookingFixture(db, 'other', { contacts: 1 });
  const theirs = booked(
    await bookSlot(
      db,
      {
        workspaceId: other.workspaceId,
        resourceId: other.resourceId,
        contactId: other.contactIds[0]!,
        startsAt: fridayAt('09:00'),
      },
      { now: BOOKING_NOW },
    ),
  );
  await madeAt(theirs, '2026-11-10T03:00:00Z');

  await db.insert(aiUsage).values(
    [
      ['2026-11-03T02:00:00Z', '0.000400000000'],
      ['2026-11-12T09:00:00Z', '0.000600000000'],
    ].map(([at, cost]) => ({
      workspaceId,
      provider: 'grok',
      model: 'grok-4-1-fast-non-reasoning',
      aiType: 'mouth' as const,
      inputTokens: 1000,
      outputTokens: 40,
      costUsd: cost!,
      createdAt: new Date(at!),
    })),
  );
}

describe.each(ENGINES)('cost per booked consultation on %s', { timeout: 240_000 }, (engine) => {
  let target: DatabaseTarget;
  let env: NodeJS.ProcessEnv;
  let dropPostgres: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    if (engine === 'pglite') {
      const dataDir = freshDataDir();
      target = { engine: 'pglite', dataDir: path.join(dataDir, 'pglite') };
      env = ariEnv({ ARI_DATA_DIR: dataDir, ARI_DEMO: '0' });
    } else {
      const pg = await createPostgresDatabase();
      dropPostgres = pg.drop;
      target = { engine: 'postgres', url: pg.url };
      env = ariEnv({ DATABASE_URL: pg.url, ARI_DEMO: '0' });
    }
    const database = await openDatabase(target);
    await applyMigrations(database, target);
    await seed(database);
    await database.close();
  });
  afterAll(async () => {
    await dropPostgres?.();
  });

  it('counts the standing bookings made on the local days and divides the cost exactly', async () => {
    const database = await openDatabase(target);
    try {
      const report = await getUsageReport(database.db, { slug: 'eagle', ...RANGE });
      expect(report.totals.costUsd).toBe('0.001000000000');
      // lastMinute, plain and the moved one (once); not the cancelled one, nor the one of the 21st.
      expect(report.bookings).toBe(3);
      expect(report.costPerBookingUsd).toBe('0.000333333333');

      const lastDay = await getUsageReport(database.db, { slug: 'eagle', from: '2026-11-21', to: '2026-11-21' });
      expect(lastDay).toMatchObject({ bookings: 1, costPerBookingUsd: '0.000000000000' });
      const none = await getUsageReport(database.db, { slug: 'eagle', from: '2026-10-01', to: '2026-10-31' });
      expect(none).toMatchObject({ bookings: 0, costPerBookingUsd: null });
      expect(await getUsageReport(database.db, { slug: 'other', ...RANGE })).toMatchObject({
        bookings: 1,
        costPerBookingUsd: '0.000000000000',
      });
    } finally {
      await database.close();
    }
  });

  it('shows the figure in `ari usage`, as JSON and as text', async () => {
    const json = await runAriInProcess(
      ['usage', '--workspace', 'eagle', '--from', RANGE.from, '--to', RANGE.to, '--json'],
      env,
    );
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toMatchObject({ bookings: 3, costPerBookingUsd: '0.000333333333' });
    const text = await runAri(['usage', '--workspace', 'eagle', '--from', RANGE.from, '--to', RANGE.to], env);
    expect(text.stdout).toMatch(/^per booking\s+0\.000333333333 USD over 3$/m);
    const none = await runAriInProcess(
      ['usage', '--workspace', 'eagle', '--from', '2026-10-01', '--to', '2026-10-31'],
      env,
    );
    expect(none.stdout).toMatch(/^per booking\s+no bookings$/m);
  });
});
