import { describe, expect, it } from 'vitest';
import { availableSlots } from './available-slots.js';
import { formatSlot, formatSlotList } from './format-slot.js';

const resource = {
  id: 'r1',
  slotMinutes: 60,
  bufferMinutes: 0,
  capacity: 1,
  leadTimeMinutes: 60,
  horizonDays: 3,
  active: true,
};
const friday = [{ weekday: 5, startTime: '14:00', endTime: '16:00' }];
// Thursday 26 November 2026, 20:00 UTC: already Friday 03:00 in Jakarta and 05:00 in Jayapura.
const now = new Date('2026-11-26T20:00:00Z');

describe('formatSlot', () => {
  it('names the day and time in the customer language with the zone', () => {
    const [slot] = availableSlots(resource, friday, [], [], now, 'Asia/Jakarta');
    expect(formatSlot(slot!, 'id')).toBe('Jumat, 27 November, pukul 14.00 WIB');
    expect(formatSlot(slot!, 'en')).toBe('Friday 27 November, 14:00 WIB');
  });

  it('numbers a list, in WIT for Jayapura', () => {
    const slots = availableSlots(resource, friday, [], [], now, 'Asia/Jayapura');
    expect(formatSlotList(slots, 'id')).toBe(
      '1. Jumat, 27 November, pukul 14.00 WIT\n2. Jumat, 27 November, pukul 15.00 WIT',
    );
  });
});
