import { describe, expect, it } from 'vitest';
import { availableSlots } from './available-slots.js';
import { slotsForWanted } from './slots-for-wanted.js';

const resource = {
  id: 'r1',
  slotMinutes: 60,
  bufferMinutes: 0,
  capacity: 1,
  leadTimeMinutes: 60,
  horizonDays: 14,
  active: true,
};
// Monday and Wednesday 09:00–12:00 WIB; now is Thursday 26 November 2026, 08:00 WIB.
const hours = [1, 3].map((weekday) => ({ weekday, startTime: '09:00', endTime: '12:00' }));
const free = availableSlots(resource, hours, [], [], new Date('2026-11-26T01:00:00Z'), 'Asia/Jakarta');
const labels = (slots: { label: string }[]) => slots.map((s) => s.label);

describe('slotsForWanted', () => {
  it('offers the slot asked for when it is free', () => {
    const answer = slotsForWanted(free, {
      day: { from: '2026-11-30', to: '2026-11-30' },
      time: { from: '10:00', to: '10:00' },
    });
    expect(answer.fit).toBe('exact');
    expect(labels(answer.slots)).toEqual(['2026-11-30 10:00 WIB']);
  });

  it('offers that day at other times when the time is not free', () => {
    const answer = slotsForWanted(free, {
      day: { from: '2026-11-30', to: '2026-11-30' },
      time: { from: '14:00', to: '14:00' },
    });
    expect(answer.fit).toBe('day');
    expect(labels(answer.slots)).toEqual(['2026-11-30 09:00 WIB', '2026-11-30 10:00 WIB', '2026-11-30 11:00 WIB']);
  });

  it('offers the next free slots after a day with none', () => {
    // Friday the 27th: no hours. The next are Monday's.
    const answer = slotsForWanted(free, { day: { from: '2026-11-27', to: '2026-11-27' } }, 2);
    expect(answer.fit).toBe('after');
    expect(labels(answer.slots)).toEqual(['2026-11-30 09:00 WIB', '2026-11-30 10:00 WIB']);
    // An evening time on no particular day: the first free slots.
    expect(labels(slotsForWanted(free, { time: { from: '18:00', to: '24:00' } }, 1).slots)).toEqual([
      '2026-11-30 09:00 WIB',
    ]);
  });
});
