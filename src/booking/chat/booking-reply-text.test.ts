import { describe, expect, it } from 'vitest';
import { BOOKING_LINES } from '../../assistant/playbook/booking-lines.js';
import { builtInPlaybook } from '../../playbooks/built-in-playbooks.js';
import { playbookSchema } from '../../assistant/playbook/playbook-schema.js';
import { slotAt } from '../slot-at.js';
import { bookedText, cancelledText, offerText } from './booking-reply-text.js';

const lines = playbookSchema.parse(builtInPlaybook('study-abroad')).bookingLines;
const friday2pm = slotAt('r', new Date('2026-11-27T07:00:00Z'), new Date('2026-11-27T08:00:00Z'), 'Asia/Jakarta');
const monday9 = slotAt('r', new Date('2026-11-30T01:00:00Z'), new Date('2026-11-30T02:00:00Z'), 'Asia/Makassar');

describe('booking reply texts', () => {
  it('numbers the slots under the offer sentence, in the customer’s language and the zone’s name', () => {
    const offer = { line: 'slots' as const, slots: [friday2pm, monday9], opening: 'Mau dijadwalkan, kak?' };
    expect(offerText(lines, 'id', offer, null)).toBe(
      'Mau dijadwalkan, kak?\n\nJadwal yang masih tersedia:\n1. Jumat, 27 November, pukul 14.00 WIB\n2. Senin, 30 November, pukul 09.00 WITA\nSilakan balas dengan nomor pilihan kakak, atau sebutkan hari dan jam yang kakak mau.',
    );
    expect(offerText(lines, 'en', { ...offer, opening: null }, null)).toContain('1. Friday 27 November, 14:00 WIB');
  });

  it('confirms with the time, the zone, who and where (the location line only when there is one)', () => {
    const booking = { slot: friday2pm, resourceName: 'Konsultan Dewi', location: 'https://meet.example/abc' };
    expect(bookedText(lines, 'id', 'confirmed', booking)).toBe(
      'Siap kak, jadwal kakak sudah terkonfirmasi: Jumat, 27 November, pukul 14.00 WIB, bersama Konsultan Dewi.\nTempat: https://meet.example/abc\nKalau perlu mengubah, balas "ganti jadwal"; untuk membatalkan, balas "batal".',
    );
    expect(bookedText(lines, 'en', 'rescheduled', { ...booking, location: ' ' })).toBe(
      'Done, your appointment is moved to Friday 27 November, 14:00 WIB, with Konsultan Dewi.',
    );
  });

  it('never reads a placeholder out of a value', () => {
    const booking = { slot: friday2pm, resourceName: 'Ruang {location}', location: '' };
    expect(bookedText(lines, 'en', 'confirmed', booking)).toContain('with Ruang {location}.');
    const held = { id: 'b', ...booking };
    expect(cancelledText(lines, 'id', held)).toBe(
      'Baik kak, jadwal Jumat, 27 November, pukul 14.00 WIB sudah kami batalkan. Kalau ingin membuat jadwal baru, kabari kami saja ya.',
    );
  });

  it('gives a playbook stored without booking lines the common ones, and keeps the ones it words', () => {
    const stored = structuredClone(builtInPlaybook('study-abroad')) as Record<string, unknown>;
    delete stored.bookingLines;
    expect(playbookSchema.parse(stored).bookingLines).toEqual(BOOKING_LINES);
    const own = { taken: { id: 'Yah, sudah diambil orang kak:\n{slots}', en: 'Gone, sorry:\n{slots}' } };
    const parsed = playbookSchema.parse({ ...stored, bookingLines: own }).bookingLines;
    expect(parsed).toEqual({ ...BOOKING_LINES, ...own });
  });
});
