import { describe, expect, it } from 'vitest';
import { readBookingIntent } from './read-booking-intent.js';

describe('readBookingIntent', () => {
  it.each([
    ['ganti jadwal', 'reschedule'],
    ['Kak mau ganti jadwal ya', 'reschedule'],
    ['pindah jadwal ke besok bisa?', 'reschedule'],
    ['ubah jadwal dong', 'reschedule'],
    ['jadwalnya bisa diundur?', 'reschedule'],
    ['boleh geser jam nya kak', 'reschedule'],
    ['Can I reschedule?', 'reschedule'],
    ['I need to change my appointment', 'reschedule'],
    ['could we do another time', 'reschedule'],
    ['batal', 'cancel'],
    ['batalkan aja kak', 'cancel'],
    ['Mohon dibatalkan ya', 'cancel'],
    ['cancel', 'cancel'],
    ['Please cancel my booking', 'cancel'],
    // Both: moving keeps the booking until a new time is picked.
    ['batal yang besok, ganti jadwal aja', 'reschedule'],
    ['gak jadi batal kak', null],
    ['jangan dibatalkan', null],
    ["don't cancel it", null],
    ['oke terima kasih', null],
    ['jadwalnya jam berapa?', null],
    ['2', null],
    // A negation anywhere in the clause, a question, a condition: no cancel.
    ['saya tidak mau batal', null],
    ['jangan sampai batal ya', null],
    ['bisa dibatalkan nanti kalau perlu?', null],
    ['can I cancel later if needed?', null],
    ['kalau hujan saya batal ya', null],
    ['Is it possible to cancel', null],
    ['saya tidak mau ganti jadwal', null],
    ['Terima kasih kak. Tolong batalkan saja', 'cancel'],
    ['saya tidak bisa datang, batalkan ya', 'cancel'],
  ])('%s → %s', (text, intent) => {
    expect(readBookingIntent(text)).toBe(intent);
  });
});
