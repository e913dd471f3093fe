import { afterEach, describe, expect, it } from 'vitest';
import type { Language } from '../core/vocabulary.js';
import { availableSlots } from './available-slots.js';
import { zonedParts, zonedToUtc } from '../core/local-time.js';
import { readSlotChoice, type SlotChoice } from './read-slot-choice.js';
import type { Slot } from './slot.js';
import { matchesWanted } from './wanted-time.js';
import { zoneAbbreviation } from './zone-abbreviation.js';

const JAKARTA = 'Asia/Jakarta';
// Thursday 26 November 2026, 08:00 WIB.
const now = new Date('2026-11-26T01:00:00Z');

function slotAt(date: string, time: string, timezone = JAKARTA): Slot {
  const startsAt = zonedToUtc(date, time, timezone);
  const zone = zoneAbbreviation(timezone, startsAt);
  return {
    resourceId: 'r1',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3_600_000),
    date,
    time,
    weekday: zonedParts(startsAt, timezone).weekday,
    zone,
    label: `${date} ${time} ${zone}`,
    seatsLeft: 1,
  };
}

/** The list the customer was shown, numbered 1–5. */
const offered = [
  slotAt('2026-11-27', '09:00'), // 1 Friday (tomorrow)
  slotAt('2026-11-27', '14:00'), // 2 Friday
  slotAt('2026-11-30', '10:00'), // 3 Monday next week
  slotAt('2026-11-30', '14:30'), // 4 Monday
  slotAt('2026-12-02', '16:00'), // 5 Wednesday
];

type Expected = number | 'ambiguous' | 'declined' | 'none' | { day?: [string, string]; time?: [string, string] };

/** [reply, conversation language, meaning]: a number is the offered slot it picks. */
const replies: [string, Language, Expected][] = [
  // Picks by number and ordinal.
  ['2', 'id', 2],
  ['nomor 2', 'id', 2],
  ['no. 3', 'id', 3],
  ['yang kedua', 'id', 2],
  ['Yang ke-3 aja kak', 'id', 3],
  ['pilih nomor lima', 'id', 5],
  ['Pertama', 'id', 1],
  ['yang terakhir', 'id', 5],
  ['dua', 'id', 2],
  ['#1', 'id', 1],
  ['4 aja kak', 'id', 4],
  ['the second one', 'en', 2],
  ["I'll take the 1st", 'en', 1],
  ['option 4 please', 'en', 4],
  ['Good morning! The second, please', 'en', 2],
  // Indonesian day and time words naming an offered slot.
  ['besok jam 2 siang', 'id', 2],
  ['besok jam 9 pagi', 'id', 1],
  ['besok pagi', 'id', 1],
  ['besok jam 2', 'id', 2],
  ['Senin jam 10', 'id', 3],
  ['senin setengah tiga', 'id', 4],
  ['Senin 14.30', 'id', 4],
  ['senin depan jam 14:30', 'id', 4],
  ['Rabu sore', 'id', 5],
  ['rabu jam 4 sore', 'id', 5],
  ['hari rabu', 'id', 5],
  ['sore aja', 'id', 5],
  ['jam 2 siang', 'id', 2],
  ['sore jam 4', 'id', 5],
  ['tanggal 2 jam 4 sore', 'id', 5],
  ['2/12 16:00', 'id', 5],
  ['besok jumat jam 9', 'id', 1],
  ['jam 2 siang besok ya kak', 'id', 2],
  ["Jum'at pukul 09.00 WIB", 'id', 1],
  ['yang kedua, besok jam 2 siang', 'id', 2],
  ['besok jam 3 WITA', 'id', 2],
  ['Senin 12.00 WIT', 'id', 3],
  ['besok 14.00 WIB', 'id', 2],
  // English.
  ['monday 2:30pm', 'en', 4],
  ['Monday at 10am', 'en', 3],
  ['tomorrow at 2pm', 'en', 2],
  ['tomorrow morning', 'en', 1],
  ['Wednesday afternoon', 'en', 5],
  ['Friday 9 a.m.', 'en', 1],
  ['next monday 10:00', 'en', 3],
  ['half past two on monday', 'en', 4],
  // A day or time not offered: what the customer wants instead.
  ['lusa', 'id', { day: ['2026-11-28', '2026-11-28'] }],
  ['lusa jam 10', 'id', { day: ['2026-11-28', '2026-11-28'], time: ['10:00', '10:00'] }],
  ['hari ini sore', 'id', { day: ['2026-11-26', '2026-11-26'], time: ['15:00', '18:00'] }],
  ['nanti malam', 'id', { day: ['2026-11-26', '2026-11-26'], time: ['18:00', '24:00'] }],
  ['Kamis depan jam 1 siang', 'id', { day: ['2026-12-03', '2026-12-03'], time: ['13:00', '13:00'] }],
  ['Jumat setengah 10 pagi', 'id', { day: ['2026-11-27', '2026-11-27'], time: ['09:30', '09:30'] }],
  ['jam 7 malam', 'id', { time: ['19:00', '19:00'] }],
  ['Minggu', 'id', { day: ['2026-11-29', '2026-11-29'] }],
  ['kamis', 'id', { day: ['2026-11-26', '2026-11-26'] }],
  ['Selasa minggu depan', 'id', { day: ['2026-12-01', '2026-12-01'] }],
  ['next week thursday', 'en', { day: ['2026-12-03', '2026-12-03'] }],
  ['Sunday 3pm', 'en', { day: ['2026-11-29', '2026-11-29'], time: ['15:00', '15:00'] }],
  ['today 5pm', 'en', { day: ['2026-11-26', '2026-11-26'], time: ['17:00', '17:00'] }],
  ['at noon tomorrow', 'en', { day: ['2026-11-27', '2026-11-27'], time: ['12:00', '12:00'] }],
  // Ambiguous: ask once.
  ['besok', 'id', 'ambiguous'],
  ['pagi', 'id', 'ambiguous'],
  ['minggu depan', 'id', 'ambiguous'],
  ['1 atau 2', 'id', 'ambiguous'],
  ['keduanya bisa', 'id', 'ambiguous'],
  ['nomor 7', 'id', 'ambiguous'],
  ['yang pertama tapi senin', 'id', 'ambiguous'],
  ['besok sabtu', 'id', 'ambiguous'],
  ['bisa hari senin atau selasa?', 'id', 'ambiguous'],
  ['10', 'id', 'ambiguous'],
  ['either works', 'en', 'ambiguous'],
  ['akhir pekan', 'id', { day: ['2026-11-28', '2026-11-29'] }],
  ['next weekend', 'en', { day: ['2026-12-05', '2026-12-06'] }],
  ['gak ada yang cocok, lusa bisa?', 'id', { day: ['2026-11-28', '2026-11-28'] }],
  // Nothing about a slot, or the list turned down.
  ['tidak ada yang cocok kak', 'id', 'declined'],
  ['gak bisa semua', 'id', 'declined'],
  ['none of them work for me', 'en', 'declined'],
  ["sorry, I can't make any of these", 'en', 'declined'],
  ['Selamat pagi kak', 'id', 'none'],
  ['berapa biayanya?', 'id', 'none'],
  ['ok makasih', 'id', 'none'],
  ['saya umur 25 tahun', 'id', 'none'],
  ['wait a second', 'en', 'none'],
  ['my back is sore', 'en', 'none'],
];

function meaning(choice: SlotChoice): Expected {
  if (choice.kind === 'slot') return offered.indexOf(choice.slot) + 1;
  if (choice.kind !== 'wanted') return choice.kind;
  const wanted: Exclude<Expected, number | string> = {};
  if (choice.day) wanted.day = [choice.day.from, choice.day.to];
  if (choice.time) wanted.time = [choice.time.from, choice.time.to];
  return wanted;
}

const hostZone = process.env.TZ;
afterEach(() => {
  if (hostZone === undefined) delete process.env.TZ;
  else process.env.TZ = hostZone;
});

describe('readSlotChoice', () => {
  it('has a table of at least 40 replies in both languages', () => {
    expect(replies.length).toBeGreaterThanOrEqual(40);
    expect(replies.filter(([, language]) => language === 'id').length).toBeGreaterThanOrEqual(20);
    expect(replies.filter(([, language]) => language === 'en').length).toBeGreaterThanOrEqual(15);
  });

  for (const host of ['UTC', 'America/New_York']) {
    it.each(replies)(`with the host in ${host}, "%s" (%s) means %j`, (reply, language, expected) => {
      process.env.TZ = host;
      expect(meaning(readSlotChoice(reply, offered, now, JAKARTA, language))).toEqual(expected);
    });
  }

  it('acceptance: on a UTC host, "besok jam 2 siang" in a Jakarta workspace is 14:00 WIB tomorrow, 07:00 UTC', () => {
    process.env.TZ = 'UTC';
    expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(0);
    const resource = {
      id: 'r1',
      slotMinutes: 60,
      bufferMinutes: 0,
      capacity: 1,
      leadTimeMinutes: 60,
      horizonDays: 14,
      active: true,
    };
    const hours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '09:00', endTime: '17:00' }));
    const slots = availableSlots(resource, hours, [], [], now, JAKARTA);
    // Offered the first three (today's), the customer names another time.
    const choice = readSlotChoice('besok jam 2 siang', slots.slice(0, 3), now, JAKARTA, 'id');
    expect(choice).toEqual({
      kind: 'wanted',
      day: { from: '2026-11-27', to: '2026-11-27' },
      time: { from: '14:00', to: '14:00' },
    });
    const wanted = slots.filter((slot) => choice.kind === 'wanted' && matchesWanted(slot, choice));
    expect(wanted).toHaveLength(1);
    expect(wanted[0]?.startsAt.toISOString()).toBe('2026-11-27T07:00:00.000Z');
    expect(wanted[0]?.label).toBe('2026-11-27 14:00 WIB');
    // Offered in the list, the same words pick it directly.
    const picked = readSlotChoice('besok jam 2 siang', slots, now, JAKARTA, 'id');
    expect(picked.kind === 'slot' && picked.slot.startsAt.toISOString()).toBe('2026-11-27T07:00:00.000Z');

    // The same words in a Makassar workspace: 14:00 WITA, 06:00 UTC.
    const makassar = availableSlots(resource, hours, [], [], now, 'Asia/Makassar');
    const there = readSlotChoice('besok jam 2 siang', makassar, now, 'Asia/Makassar', 'id');
    expect(there.kind === 'slot' && [there.slot.label, there.slot.startsAt.toISOString()]).toEqual([
      '2026-11-27 14:00 WITA',
      '2026-11-27T06:00:00.000Z',
    ]);
  });

  it('moves a time named in another Indonesian zone into a Makassar workspace', () => {
    const makassar = [slotAt('2026-11-27', '11:00', 'Asia/Makassar'), slotAt('2026-11-27', '15:00', 'Asia/Makassar')];
    const pick = (reply: string) => readSlotChoice(reply, makassar, now, 'Asia/Makassar', 'id');
    // 10:00 WIB is 11:00 WITA.
    expect(pick('besok jam 10 WIB')).toEqual({ kind: 'slot', slot: makassar[0] });
    expect(pick('besok jam 3 sore')).toEqual({ kind: 'slot', slot: makassar[1] });
    expect(pick('besok jam 4 sore WIT')).toEqual({ kind: 'slot', slot: makassar[1] });
  });

  it('reads "besok" in the workspace zone, not the host zone, near midnight', () => {
    // 23:30 UTC on the 26th is already 06:30 on the 27th in Jakarta: "besok" is the 28th.
    process.env.TZ = 'UTC';
    const late = new Date('2026-11-26T23:30:00Z');
    expect(readSlotChoice('besok', [], late, JAKARTA, 'id')).toEqual({
      kind: 'wanted',
      day: { from: '2026-11-28', to: '2026-11-28' },
    });
  });
});
