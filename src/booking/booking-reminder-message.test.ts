import { describe, expect, it } from 'vitest';
import { reminderTemplate, reminderText, type ReminderFacts } from './booking-reminder-message.js';

// Friday 27 November 2026, 14:00 in Jakarta (07:00 UTC), whatever zone the host runs in.
const facts: ReminderFacts = {
  customerName: 'Budi',
  startsAt: new Date('2026-11-27T07:00:00Z'),
  timezone: 'Asia/Jakarta',
  resourceName: 'Konsultan Dewi',
  location: 'https://meet.example.com/dewi',
};

describe('reminderText', () => {
  it('tells day, time with the zone, who and where, in Indonesian or English', () => {
    expect(reminderText(facts, 'id')).toBe(
      [
        'Halo kak Budi, kami ingatkan jadwal kakak dengan Konsultan Dewi: Jumat, 27 November, pukul 14.00 WIB.',
        'Tempat: https://meet.example.com/dewi',
        'Balas "ganti jadwal" untuk mengubah waktunya atau "batal" untuk membatalkan.',
      ].join('\n'),
    );
    expect(reminderText(facts, 'en')).toBe(
      [
        'Hi Budi, a reminder of your appointment with Konsultan Dewi: Friday 27 November, 14:00 WIB.',
        'Where: https://meet.example.com/dewi',
        'Reply "reschedule" to change the time or "cancel" to cancel it.',
      ].join('\n'),
    );
  });

  it('leaves out an unknown name and an empty location; Makassar reads WITA', () => {
    const text = reminderText({ ...facts, customerName: null, location: ' ', timezone: 'Asia/Makassar' }, 'id');
    expect(text).toBe(
      [
        'Halo kak, kami ingatkan jadwal kakak dengan Konsultan Dewi: Jumat, 27 November, pukul 15.00 WITA.',
        'Balas "ganti jadwal" untuk mengubah waktunya atau "batal" untuk membatalkan.',
      ].join('\n'),
    );
  });
});

describe('reminderTemplate', () => {
  it('fills the body parameters in the order configured, in the template language', () => {
    const filled = reminderTemplate(
      facts,
      { name: 'appointment_reminder', language: 'en_US', bodyParameters: ['time', 'date', 'name'] },
      'id',
    );
    expect(filled.template).toEqual({
      name: 'appointment_reminder',
      language: 'en_US',
      bodyParameters: ['14:00 WIB', 'Friday 27 November', 'Budi'],
    });
    expect(filled.content).toBe(
      '[template appointment_reminder, en_US] {{1}} 14:00 WIB · {{2}} Friday 27 November · {{3}} Budi',
    );
  });

  it('never sends an empty parameter; another template language follows the customer', () => {
    const filled = reminderTemplate(
      { ...facts, customerName: '  ', location: '' },
      { name: 'pengingat', language: 'ms', bodyParameters: ['name', 'location', 'date'] },
      'id',
    );
    expect(filled.template.bodyParameters).toEqual(['Kak', '-', 'Jumat, 27 November']);
    expect(reminderTemplate(facts, { name: 'plain', language: 'id', bodyParameters: [] }, 'en').content).toBe(
      '[template plain, id]',
    );
  });
});
