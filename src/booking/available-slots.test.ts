import { afterEach, describe, expect, it } from 'vitest';
import { availableSlots } from './available-slots.js';
import type { SlotRules, WeeklyWindow } from './slot.js';

const consultant: SlotRules = {
  id: 'r1',
  slotMinutes: 60,
  bufferMinutes: 0,
  capacity: 1,
  leadTimeMinutes: 60,
  horizonDays: 14,
  active: true,
};
/** Monday to Friday, 09:00–12:00 and 13:00–17:00 local. */
const weekdays: WeeklyWindow[] = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, startTime: '09:00', endTime: '12:00' },
  { weekday, startTime: '13:00', endTime: '17:00' },
]);
// Thursday 26 November 2026, 08:00 in Jakarta (01:00 UTC).
const now = new Date('2026-11-26T01:00:00Z');
const hostZone = process.env.TZ;

afterEach(() => {
  if (hostZone === undefined) delete process.env.TZ;
  else process.env.TZ = hostZone;
});

describe('availableSlots', () => {
  it('lays slots out in the workspace zone whatever the host zone is', () => {
    const results = ['UTC', 'America/New_York', 'Asia/Tokyo'].map((host) => {
      process.env.TZ = host;
      const slots = availableSlots(consultant, weekdays, [], [], now, 'Asia/Jakarta');
      return { offset: new Date('2026-01-01T00:00:00Z').getTimezoneOffset(), slots };
    });
    // The host zone really changed between runs…
    expect(results.map((r) => r.offset)).toEqual([0, 300, -540]);
    // …and the slots did not.
    expect(results[1]?.slots).toEqual(results[0]?.slots);
    expect(results[2]?.slots).toEqual(results[0]?.slots);
    const first = results[0]?.slots[0];
    // Lead time 60 min from 08:00 WIB: 09:00 WIB (02:00 UTC) is the first.
    expect(first?.startsAt.toISOString()).toBe('2026-11-26T02:00:00.000Z');
    expect(first?.label).toBe('2026-11-26 09:00 WIB');
    expect(first?.weekday).toBe(4);
  });

  it('names WITA for Makassar, WIT for Jayapura and the UTC offset elsewhere', () => {
    // 01:00 UTC is 09:00 WITA; an hour's lead time makes 10:00 WITA the first.
    const first = (timezone: string) => availableSlots(consultant, weekdays, [], [], now, timezone)[0];
    expect(first('Asia/Makassar')?.label).toBe('2026-11-26 10:00 WITA');
    expect(first('Asia/Makassar')?.startsAt.toISOString()).toBe('2026-11-26T02:00:00.000Z');
    expect(first('Asia/Jayapura')?.zone).toBe('WIT');
    expect(first('Asia/Singapore')?.zone).toBe('UTC+8');
    expect(first('America/New_York')?.zone).toBe('UTC-5');
    expect(first('UTC')?.zone).toBe('UTC');
  });

  it('keeps to the horizon, skips weekends and days off, and respects lead time', () => {
    const slots = availableSlots(
      { ...consultant, leadTimeMinutes: 24 * 60 },
      weekdays,
      [{ startsOn: '2026-11-30', endsOn: '2026-12-01' }],
      [],
      now,
      'Asia/Jakarta',
    );
    const days = [...new Set(slots.map((s) => s.date))];
    // 14 local days from Thursday 26th (through 9 December); Friday 27th 08:00 onwards is allowed.
    expect(days).toEqual([
      '2026-11-27',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
    ]);
    expect(slots.filter((s) => s.date === '2026-11-27').map((s) => s.time)).toEqual([
      '09:00',
      '10:00',
      '11:00',
      '13:00',
      '14:00',
      '15:00',
      '16:00',
    ]);
  });

  it('puts the buffer between slots and after existing bookings', () => {
    const buffered = { ...consultant, slotMinutes: 45, bufferMinutes: 15 };
    const friday = (existing: Parameters<typeof availableSlots>[3]) =>
      availableSlots(buffered, weekdays, [], existing, now, 'Asia/Jakarta')
        .filter((s) => s.date === '2026-11-27')
        .map((s) => s.time);
    expect(friday([])).toEqual(['09:00', '10:00', '11:00', '13:00', '14:00', '15:00', '16:00']);
    // A 09:30–10:15 booking (made before the grid changed) holds until 10:30: 09:00 and 10:00 are gone.
    const odd = {
      startsAt: new Date('2026-11-27T02:30:00Z'),
      endsAt: new Date('2026-11-27T03:15:00Z'),
      status: 'booked',
    };
    expect(friday([odd])).toEqual(['11:00', '13:00', '14:00', '15:00', '16:00']);
    expect(friday([{ ...odd, status: 'cancelled' }])).toHaveLength(7);
  });

  it('offers a slot until its capacity is taken', () => {
    const room = { ...consultant, capacity: 2 };
    const booking = {
      startsAt: new Date('2026-11-27T02:00:00Z'),
      endsAt: new Date('2026-11-27T03:00:00Z'),
      status: 'booked',
    };
    const at0900 = (existing: (typeof booking)[]) =>
      availableSlots(room, weekdays, [], existing, now, 'Asia/Jakarta').find((s) => s.label === '2026-11-27 09:00 WIB');
    expect(at0900([])?.seatsLeft).toBe(2);
    expect(at0900([booking])?.seatsLeft).toBe(1);
    expect(at0900([booking, { ...booking, status: 'attended' }])).toBeUndefined();
  });

  it('offers nothing for an inactive resource', () => {
    expect(availableSlots({ ...consultant, active: false }, weekdays, [], [], now, 'Asia/Jakarta')).toEqual([]);
  });

  it('follows a clock change in zones that have one', () => {
    // New York leaves daylight time on 1 November 2026: 09:00 local is 13:00 UTC before, 14:00 after.
    const ny = availableSlots(consultant, weekdays, [], [], new Date('2026-10-29T00:00:00Z'), 'America/New_York');
    expect(ny.find((s) => s.label === '2026-10-30 09:00 UTC-4')?.startsAt.toISOString()).toBe(
      '2026-10-30T13:00:00.000Z',
    );
    expect(ny.find((s) => s.label === '2026-11-02 09:00 UTC-5')?.startsAt.toISOString()).toBe(
      '2026-11-02T14:00:00.000Z',
    );
  });
});
