/**
 * Setting up what customers book: resources, their weekly hours and days off, checked as
 * staff would type them, on PGlite and PostgreSQL. Bad input is refused whole.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysOff } from '../src/booking/add-days-off.js';
import { bookSlot } from '../src/booking/book-slot.js';
import { createBookingResource } from '../src/booking/create-booking-resource.js';
import { ensureDefaultConsultant } from '../src/booking/ensure-default-consultant.js';
import { freeSlots } from '../src/booking/free-slots.js';
import { setWeeklyAvailability } from '../src/booking/set-weekly-availability.js';
import { updateBookingResource } from '../src/booking/update-booking-resource.js';
import { UserError } from '../src/core/user-error.js';
import type { AriDatabase } from '../src/db/open-database.js';
import { bookingAvailability, contacts } from '../src/db/schema.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { BOOKING_NOW } from './support/booking-fixture.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/test-database.js';

const weekdayHours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '09:00', endTime: '12:00' }));

async function refusal(work: Promise<unknown>): Promise<UserError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe.each(ENGINES)('booking resources on %s', (engine) => {
  let test: TestDatabase;
  let db: AriDatabase;
  let workspaceId: string;
  let otherWorkspaceId: string;
  beforeAll(async () => {
    test = await createTestDatabase(engine);
    db = test.database.db;
    workspaceId = (await createWorkspace(db, { name: 'Clinic', slug: 'clinic', timezone: 'Asia/Makassar' })).id;
    otherWorkspaceId = (await createWorkspace(db, { name: 'Other', slug: 'other' })).id;
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it('creates a consultant with the defaults, gives it weekday hours, and offers its slots in WITA', async () => {
    const consultant = await createBookingResource(db, workspaceId, { name: ' Dr. Ayu ' });
    expect(consultant).toMatchObject({
      name: 'Dr. Ayu',
      kind: 'consultant',
      slotMinutes: 60,
      bufferMinutes: 0,
      capacity: 1,
      leadTimeMinutes: 60,
      horizonDays: 14,
      active: true,
    });
    expect(await freeSlots(db, workspaceId, consultant.id, BOOKING_NOW, 5)).toEqual([]);
    const saved = await setWeeklyAvailability(db, workspaceId, consultant.id, weekdayHours);
    expect(saved).toHaveLength(5);
    const slots = await freeSlots(db, workspaceId, consultant.id, BOOKING_NOW, 3);
    // 01:00 UTC is 09:00 WITA on Thursday; an hour's lead time leaves 10:00 and 11:00.
    expect(slots.map((s) => s.label)).toEqual([
      '2026-11-26 10:00 WITA',
      '2026-11-26 11:00 WITA',
      '2026-11-27 09:00 WITA',
    ]);
  });

  it('gives a workspace without resources one consultant with office hours, once', async () => {
    const fresh = (await createWorkspace(db, { name: 'Demo', slug: 'demo-booking' })).id;
    const consultant = await ensureDefaultConsultant(db, fresh);
    expect(consultant?.name).toBe('Konsultan');
    expect(await ensureDefaultConsultant(db, fresh)).toBeNull();
    const slots = await freeSlots(db, fresh, consultant!.id, BOOKING_NOW, 40);
    // Thursday from 09:00 WIB (lead time), Friday, then Monday: lunch 12:00–13:00 kept free.
    expect(slots.slice(0, 3).map((s) => s.label)).toEqual([
      '2026-11-26 09:00 WIB',
      '2026-11-26 10:00 WIB',
      '2026-11-26 11:00 WIB',
    ]);
    expect(slots.some((s) => s.time === '12:00')).toBe(false);
    expect(new Set(slots.map((s) => s.weekday))).toEqual(new Set([1, 2, 3, 4, 5]));
  });

  it('refuses rules the grid cannot hold, naming the field', async () => {
    expect((await refusal(createBookingResource(db, workspaceId, { name: 'R', slotMinutes: 7 }))).message).toMatch(
      /slotMinutes must be a multiple of 5 minutes/,
    );
    expect((await refusal(createBookingResource(db, workspaceId, { name: 'R', capacity: 0 }))).message).toMatch(
      /capacity/,
    );
    expect((await refusal(createBookingResource(db, workspaceId, { name: '  ' }))).message).toMatch(
      /name must not be empty/,
    );
    expect(
      (await refusal(createBookingResource(db, workspaceId, { name: 'R', colour: 'red' } as never))).message,
    ).toMatch(/colour/);
  });

  it('reports every problem of a weekly schedule at once and keeps the old one', async () => {
    const room = await createBookingResource(db, workspaceId, { name: 'Room A', kind: 'room', capacity: 3 });
    await setWeeklyAvailability(db, workspaceId, room.id, weekdayHours);
    const error = await refusal(
      setWeeklyAvailability(db, workspaceId, room.id, [
        { weekday: 1, startTime: '09:00', endTime: '12:00' },
        { weekday: 1, startTime: '11:00', endTime: '13:00' },
        { weekday: 7, startTime: '09:00', endTime: '10:00' },
        { weekday: 2, startTime: '9:00', endTime: '10:00' },
        { weekday: 3, startTime: '15:00', endTime: '14:00' },
      ]),
    );
    expect(error.issues?.map((i) => i.path).sort()).toEqual(['1', '2.weekday', '3.startTime', '4.endTime']);
    expect(error.message).toMatch(/overlaps window 0 on the same weekday/);
    const kept = await db.select().from(bookingAvailability).where(eq(bookingAvailability.resourceId, room.id));
    expect(kept).toHaveLength(5);
    // '24:00' ends a day; an empty schedule is allowed (the resource offers nothing).
    expect(
      await setWeeklyAvailability(db, workspaceId, room.id, [{ weekday: 6, startTime: '20:00', endTime: '24:00' }]),
    ).toHaveLength(1);
    expect(await setWeeklyAvailability(db, workspaceId, room.id, [])).toEqual([]);
  });

  it('keeps one workspace out of another workspace resources', async () => {
    const theirs = await createBookingResource(db, otherWorkspaceId, { name: 'Theirs' });
    expect((await refusal(setWeeklyAvailability(db, workspaceId, theirs.id, weekdayHours))).code).toBe('not_found');
    expect((await refusal(updateBookingResource(db, workspaceId, theirs.id, { capacity: 2 }))).code).toBe('not_found');
    expect(
      (await refusal(addDaysOff(db, workspaceId, theirs.id, { startsOn: '2026-12-01', endsOn: '2026-12-01' }))).code,
    ).toBe('not_found');
    expect((await refusal(freeSlots(db, workspaceId, theirs.id, BOOKING_NOW, 3))).code).toBe('not_found');
  });

  it('days off and deactivation take slots away; bookSlot then refuses them', async () => {
    const consultant = await createBookingResource(db, workspaceId, { name: 'Pak Budi', leadTimeMinutes: 0 });
    await setWeeklyAvailability(db, workspaceId, consultant.id, weekdayHours);
    const [contact] = await db.insert(contacts).values({ workspaceId, phone: '+6281299990001' }).returning();
    expect(
      (
        await refusal(
          addDaysOff(db, workspaceId, consultant.id, { startsOn: '2026-11-27', endsOn: '2026-11-26', reason: 'x' }),
        )
      ).message,
    ).toMatch(/endsOn must not be before startsOn/);
    await addDaysOff(db, workspaceId, consultant.id, { startsOn: '2026-11-26', endsOn: '2026-11-27', reason: 'Cuti' });
    const slots = await freeSlots(db, workspaceId, consultant.id, BOOKING_NOW, 1);
    expect(slots[0]?.label).toBe('2026-11-30 09:00 WITA');
    const onLeave = { workspaceId, resourceId: consultant.id, contactId: contact!.id };
    expect(
      (await refusal(bookSlot(db, { ...onLeave, startsAt: new Date('2026-11-27T01:00:00Z') }, { now: BOOKING_NOW })))
        .message,
    ).toMatch(/2026-11-27 09:00 WITA is not a slot/);

    await updateBookingResource(db, workspaceId, consultant.id, { active: false });
    expect(await freeSlots(db, workspaceId, consultant.id, BOOKING_NOW, 3)).toEqual([]);
    await refusal(bookSlot(db, { ...onLeave, startsAt: slots[0]!.startsAt }, { now: BOOKING_NOW }));
  });
});
