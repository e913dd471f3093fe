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
  ])('%s → %s', (text, intent) => {
    expect(readBookingIntent(text)).toBe(intent);
  });
});
