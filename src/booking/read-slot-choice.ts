import type { Language } from '../core/vocabulary.js';
import {
  addDays,
  type LocalDate,
  minutesOf,
  offsetMinutes,
  timeOf,
  weekdayOf,
  zonedParts,
} from '../core/local-time.js';
import type { Slot } from './slot.js';
import { alternation, DAY_PERIODS, NUMBER_WORDS, numberValue, ORDINAL_WORDS, WEEKDAY_WORDS } from './slot-phrases.js';
import { type DayRange, matchesWanted, type TimeRange, type WantedTime } from './wanted-time.js';

/** What a reply to a list of offered slots means. */
export type SlotChoice =
  | { kind: 'slot'; slot: Slot }
  | ({ kind: 'wanted' } & WantedTime)
  | { kind: 'ambiguous' }
  /** "Gak ada yang cocok", "none of them": the list turned down. */
  | { kind: 'declined' }
  /** No pick, no day or time, no decline: a message about something else ("berapa biayanya?"). */
  | { kind: 'none' };

const NUM = `(\\d{1,2}|${alternation(NUMBER_WORDS).slice(1, -1)})`;
const PERIOD = alternation(DAY_PERIODS);
const WEEKDAY = alternation(WEEKDAY_WORDS);
const ORDINAL = alternation(ORDINAL_WORDS);
const IN_THE = '(?:in\\s+the\\s+)?';

interface Reading {
  text: string;
  indices: number[];
  days: DayRange[];
  times: TimeRange[];
  /** "both", "terserah": the customer left the choice open. */
  open: boolean;
  /** The Indonesian zone the customer named ("jam 3 WITA"), in minutes east of UTC. */
  zoneOffset: number | null;
  /** "none of them", "gak ada yang cocok": the customer turned the list down. */
  declined: boolean;
}

/**
 * Reads a reply to `offered` (numbered from 1, as shown): a pick by number or ordinal, or a
 * day and/or time, which names an offered slot when exactly one fits and is otherwise what
 * the customer wants instead. Days and times are the workspace zone's (`now` is read there).
 * Indonesian and English are both read whatever `language` is, because customers mix them;
 * `language` only breaks the one tie between them: a bare "sore" in English is not a time.
 */
export function readSlotChoice(
  text: string,
  offered: readonly Slot[],
  now: Date,
  timezone: string,
  language: Language,
): SlotChoice {
  const today = zonedParts(now, timezone).date;
  const reading: Reading = {
    text: normalize(text),
    indices: [],
    days: [],
    times: [],
    open: false,
    declined: false,
    zoneOffset: null,
  };
  readGreetings(reading);
  readDeclines(reading);
  readDates(reading, today);
  readZone(reading);
  readTimes(reading);
  inWorkspaceZone(reading, offsetMinutes(now, timezone));
  readDays(reading, today);
  readDayPeriods(reading, language);
  readPicks(reading, offered.length);
  return decide(reading, offered);
}

function normalize(text: string): string {
  const lower = text
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/\b([ap])\.m\.?/g, '$1m')
    .replace(/[,!?;()"“”]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return ` ${lower} `;
}

/**
 * Replaces each match `read` accepts by a separator, so what it used is not read twice and
 * the words on either side do not join into a new phrase.
 */
function take(reading: Reading, pattern: string, read: (groups: string[]) => boolean): void {
  reading.text = reading.text.replace(new RegExp(pattern, 'g'), (match: string, ...rest: unknown[]) => {
    const groups = rest.slice(0, -2).map((g) => (typeof g === 'string' ? g : ''));
    return read(groups) ? ' ; ' : match;
  });
}

/**
 * "Tidak ada yang cocok", "gak bisa semua", "none of them work": no pick, whatever numbers or
 * "any" the sentence holds. (A day said with it is still read: "gak ada yang cocok, lusa?")
 */
function readDeclines(reading: Reading): void {
  const no = '(?:tidak|tdk|gak|ga|gk|nggak|ngga|enggak|engga)';
  take(
    reading,
    `\\b(?:${no}\\s+(?:ada\\s+yang|ada\\s+yg|bisa\\s+semua(?:nya)?|ada\\s+yang\\s+bisa|cocok\\s+semua(?:nya)?)|semua(?:nya)?\\s+${no}\\s+(?:bisa|cocok)|none|neither|no\\s+one|(?:cant|cannot|can\\s+not)\\s+(?:make|do)\\s+any)\\b(?:\\s+(?:of\\s+(?:them|these|those)|cocok|bisa|pas))?`,
    () => {
      reading.declined = true;
      return true;
    },
  );
}

/** "Selamat pagi", "good morning", "pagi kak": greetings, not times. */
function readGreetings(reading: Reading): void {
  take(reading, `\\b(?:selamat|slmt|met|good)\\s+${PERIOD}\\b`, () => true);
  take(reading, `^\\s*${PERIOD}\\s+(?:kak|ka|kakak|min|admin|gan|pak|bu|mas|mbak|mba)\\b`, () => true);
}

function exact(hour: number, minute: number): TimeRange {
  const time = timeOf(hour * 60 + minute);
  return { from: time, to: time };
}

/**
 * The 24-hour hour a spoken hour means. A part of the day decides ("jam 2 siang" = 14, "jam 11
 * siang" = 11, "jam 7 malam" = 19); without one, 1–6 are afternoon hours (nobody books 2 a.m.).
 */
function resolveHour(hour: number, period = '', meridiem = ''): number | null {
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    return (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hour > 23) return null;
  if (hour > 12) return hour;
  const part = DAY_PERIODS[period];
  if (!part) return hour >= 1 && hour <= 6 ? hour + 12 : hour;
  if (part.afternoon === 'no') return hour;
  if (part.afternoon === 'before-6') return hour <= 6 ? hour + 12 : hour;
  if (hour === 12) return period === 'malam' || period === 'night' ? 0 : 12;
  return hour + 12;
}

const ZONE_OFFSETS: Record<string, number> = { wib: 420, wita: 480, wit: 540 };

/** "jam 3 WITA": the zone is noted and dropped, so the time around it reads as usual. */
function readZone(reading: Reading): void {
  reading.text = reading.text.replace(/\b(wib|wita|wit)\b/g, (zone: string) => {
    reading.zoneOffset ??= ZONE_OFFSETS[zone]!;
    return ' ';
  });
}

/**
 * A customer in Makassar may answer a WIB list in WITA: "jam 3 WITA" is 14:00 WIB. Exact times
 * move to the workspace's zone (a time that crosses midnight keeps its day: nobody books then).
 */
function inWorkspaceZone(reading: Reading, workspaceOffset: number): void {
  const named = reading.zoneOffset;
  if (named === null || named === workspaceOffset) return;
  reading.times = reading.times.map((t) => {
    if (t.from !== t.to) return t;
    return exact(0, (((minutesOf(t.from) - named + workspaceOffset) % 1440) + 1440) % 1440);
  });
}

function readTimes(reading: Reading): void {
  const at = (hour: number | null, minute: number): boolean => {
    if (hour === null || minute > 59) return false;
    reading.times.push(exact(hour, minute));
    return true;
  };
  // "setengah tiga" is half an hour before three: 14:30.
  take(reading, `\\b(?:(?:jam|pukul|pkl)\\s+)?setengah\\s+${NUM}(?:\\s+${PERIOD})?\\b`, ([n, period]) =>
    at(resolveHour((numberValue(n!) + 11) % 12 || 12, period), 30),
  );
  take(reading, `\\bhalf\\s+past\\s+${NUM}\\s*(am|pm)?(?:\\s+${IN_THE}${PERIOD})?\\b`, ([n, meridiem, period]) =>
    at(resolveHour(numberValue(n!), period, meridiem), 30),
  );
  take(
    reading,
    `\\b(?:(?:jam|pukul|pkl|at)\\s*)?(\\d{1,2})[.:](\\d{2})\\s*(am|pm)?(?:\\s+${IN_THE}${PERIOD})?\\b`,
    ([h, m, meridiem, period]) => at(resolveHour(Number(h), period, meridiem), Number(m)),
  );
  take(reading, `\\b(?:at\\s+)?${NUM}\\s*(am|pm)\\b`, ([n, meridiem]) =>
    at(resolveHour(numberValue(n!), '', meridiem), 0),
  );
  take(reading, `\\b${PERIOD}\\s+(?:jam|pukul|pkl)\\s+${NUM}\\b`, ([period, n]) =>
    at(resolveHour(numberValue(n!), period), 0),
  );
  take(
    reading,
    `\\b(?:jam|pukul|pkl|at)\\s+${NUM}(?:\\s+(?:tepat|oclock|o\\s+clock))?(?:\\s+${IN_THE}${PERIOD})?\\b`,
    ([n, period]) => at(resolveHour(numberValue(n!), period), 0),
  );
  take(reading, `\\b${NUM}\\s+(?:oclock\\s+|o\\s+clock\\s+)?${IN_THE}${PERIOD}\\b`, ([n, period]) =>
    at(resolveHour(numberValue(n!), period), 0),
  );
  take(reading, `\\b${NUM}\\s+(?:oclock|o\\s+clock)\\b`, ([n]) => at(resolveHour(numberValue(n!)), 0));
  take(reading, '\\b(?:noon|midday|tengah\\s+hari)\\b', () => at(12, 0));
}

/** Monday-first weeks, as people in Indonesia (and ISO) count them. */
function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

function readDays(reading: Reading, today: LocalDate): void {
  const day = (date: LocalDate): boolean => {
    reading.days.push({ from: date, to: date });
    return true;
  };
  const nextMonday = addDays(mondayOf(today), 7);
  const inNextWeek = (word: string) => day(addDays(nextMonday, (WEEKDAY_WORDS[word]! + 6) % 7));
  take(reading, '\\b(?:besok\\s+lusa|lusa|(?:the\\s+)?day\\s+after\\s+tomorrow)\\b', () => day(addDays(today, 2)));
  take(reading, '\\b(?:besok|besuk|bsk|esok|tomorrow|tmrw|tmr)\\b', () => day(addDays(today, 1)));
  take(reading, '\\b(?:hari\\s+ini|today)\\b', () => day(today));
  take(reading, '\\btonight\\b', () => {
    reading.times.push({ from: DAY_PERIODS.malam!.from, to: DAY_PERIODS.malam!.to });
    return day(today);
  });
  // "nanti sore", "this afternoon": today, and the part of the day is read below.
  take(reading, `\\b(?:nanti|this)(?=\\s+${PERIOD})`, () => day(today));
  // The weekend is Saturday and Sunday (today alone on a Sunday); "next weekend" is next week's.
  take(reading, '\\b(?:akhir\\s+(?:pekan|minggu)\\s+depan|next\\s+weekend)\\b', () => {
    reading.days.push({ from: addDays(nextMonday, 5), to: addDays(nextMonday, 6) });
    return true;
  });
  take(reading, '\\b(?:akhir\\s+(?:pekan|minggu)(?:\\s+ini)?|(?:this\\s+)?weekend)\\b', () => {
    const sunday = addDays(nextMonday, -1);
    reading.days.push({ from: today === sunday ? today : addDays(sunday, -1), to: sunday });
    return true;
  });
  take(reading, `\\b(?:hari\\s+)?${WEEKDAY}\\s+(?:(?:minggu|pekan)\\s+depan|next\\s+week)\\b`, ([w]) => inNextWeek(w!));
  take(reading, `\\bnext\\s+week\\s+(?:on\\s+)?${WEEKDAY}\\b`, ([w]) => inNextWeek(w!));
  take(reading, `\\bhari\\s+${WEEKDAY}\\s+depan\\b`, ([w]) => inNextWeek(w!));
  take(reading, '\\b(?:(?:minggu|pekan)\\s+depan|next\\s+week)\\b', () => {
    reading.days.push({ from: nextMonday, to: addDays(nextMonday, 6) });
    return true;
  });
  take(reading, '\\b(?:(?:minggu|pekan)\\s+ini|this\\s+week)\\b', () => {
    reading.days.push({ from: today, to: addDays(nextMonday, -1) });
    return true;
  });
  take(reading, `\\b${WEEKDAY}\\s+depan\\b|\\bnext\\s+${WEEKDAY}\\b`, ([a, b]) => inNextWeek(a || b!));
  // A weekday alone is its next occurrence, today included.
  take(reading, `\\b(?:(?:hari|this|on)\\s+)?${WEEKDAY}(?:\\s+ini)?\\b`, ([w]) =>
    day(addDays(today, (WEEKDAY_WORDS[w!]! - weekdayOf(today) + 7) % 7)),
  );
}

/** "tanggal 2", "2/12": read before times so "tgl 3 sore" keeps its 3. */
function readDates(reading: Reading, today: LocalDate): void {
  const day = (date: LocalDate | null): boolean => {
    if (date === null) return false;
    reading.days.push({ from: date, to: date });
    return true;
  };
  take(reading, '\\b(?:tanggal|tgl)\\s*(\\d{1,2})\\b', ([d]) => {
    return day(nextDateWithDay(today, Number(d)));
  });
  take(reading, '\\b(\\d{1,2})/(\\d{1,2})\\b', ([d, m]) => {
    return day(nextDateOn(today, Number(m), Number(d)));
  });
}

/** The first day numbered `dayOfMonth` from today on, within two months. */
function nextDateWithDay(today: LocalDate, dayOfMonth: number): LocalDate | null {
  for (let offset = 0; offset < 62; offset++) {
    const date = addDays(today, offset);
    if (Number(date.slice(8)) === dayOfMonth) return date;
  }
  return null;
}

/** Day/month from today on (this year, or next year once it has passed). */
function nextDateOn(today: LocalDate, month: number, dayOfMonth: number): LocalDate | null {
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 31) return null;
  for (const year of [Number(today.slice(0, 4)), Number(today.slice(0, 4)) + 1]) {
    const date = `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
    if (addDays(date, 0) === date && date >= today) return date;
  }
  return null;
}

function readDayPeriods(reading: Reading, language: Language): void {
  take(reading, `\\b${PERIOD}\\b`, ([period]) => {
    if (language === 'en' && period === 'sore') return false;
    const part = DAY_PERIODS[period!]!;
    reading.times.push({ from: part.from, to: part.to });
    return true;
  });
}

function readPicks(reading: Reading, count: number): void {
  const pick = (n: number): boolean => {
    reading.indices.push(n);
    return true;
  };
  take(
    reading,
    '\\b(?:keduanya|duaduanya|both|either|any|terserah|whichever|mana\\s+saja|mana\\s+aja|bebas)\\b',
    () => {
      reading.open = true;
      return true;
    },
  );
  take(reading, '\\b(?:(?:yang|yg)\\s+)?(?:terakhir|paling\\s+akhir)\\b|\\bthe\\s+last(?:\\s+one)?\\b', () =>
    pick(count),
  );
  take(
    reading,
    `(?:^|\\s)(?:nomor|nomer|nmr|no\\.?|#|opsi|option|pilihan|pilih|number|slot|yang|yg)\\s*(?:ke-?\\s*)?${NUM}\\b`,
    ([n]) => pick(numberValue(n!)),
  );
  // "just a second" is not the second slot.
  take(
    reading,
    `(?<!\\ba\\s)\\b(?:(?:yang|yg|the)\\s+)?(?:ke-?\\s*(\\d)|${ORDINAL})(?:\\s+(?:one|option|slot))?\\b`,
    ([d, word]) => pick(d ? Number(d) : ORDINAL_WORDS[word!]!),
  );
  // A number with little around it ("2", "2 aja kak", "ok 3") picks by position; past the list,
  // a number that could be an hour ("10") is unclear, and a larger one ("umur 25") is about something else.
  const words = reading.text.split(/[\s;]+/).filter(Boolean);
  if (words.length <= 5) {
    for (const word of words) {
      if (!/^\d{1,2}$/.test(word) && !(word in NUMBER_WORDS)) continue;
      const n = numberValue(word);
      if (n <= Math.max(count, 23)) pick(n);
    }
  }
}

function decide(reading: Reading, offered: readonly Slot[]): SlotChoice {
  const indices = [...new Set(reading.indices)];
  const days = narrowestDay(reading.days);
  const times = reconcileTimes(reading.times);
  if (reading.declined && days === undefined && times.length === 0) return { kind: 'declined' };
  if (reading.open || indices.length > 1 || days === 'conflict' || times.length > 1) return { kind: 'ambiguous' };
  const wanted: WantedTime = {};
  if (days) wanted.day = days;
  if (times[0]) wanted.time = times[0];
  const index = indices[0];
  if (index !== undefined) {
    const slot = offered[index - 1];
    if (!slot || !matchesWanted(slot, wanted)) return { kind: 'ambiguous' };
    return { kind: 'slot', slot };
  }
  if (!wanted.day && !wanted.time) return { kind: 'none' };
  const fits = offered.filter((slot) => matchesWanted(slot, wanted));
  if (fits.length === 0) return { kind: 'wanted', ...wanted };
  // Several resources may offer the same time: any of them is the time the customer named.
  if (fits.every((slot) => slot.startsAt.getTime() === fits[0]!.startsAt.getTime()))
    return { kind: 'slot', slot: fits[0]! };
  return { kind: 'ambiguous' };
}

/** "Minggu depan, Rabu" names the Wednesday; two different days are a conflict. */
function narrowestDay(days: DayRange[]): DayRange | undefined | 'conflict' {
  if (days.length === 0) return undefined;
  const narrowest = [...days].sort((a, b) => span(a) - span(b))[0]!;
  const inside = days.every((d) => d.from <= narrowest.from && narrowest.to <= d.to);
  return inside ? narrowest : 'conflict';
}

function span(day: DayRange): number {
  return Date.parse(day.to) - Date.parse(day.from);
}

/** An exact time inside a part of the day named with it ("sore jam 4") keeps the exact time. */
function reconcileTimes(times: TimeRange[]): TimeRange[] {
  const exacts = times.filter((t) => t.from === t.to);
  const kept = times.filter((t) => t.from === t.to || !exacts.some((e) => t.from <= e.from && e.from < t.to));
  return [...new Map(kept.map((t) => [`${t.from}-${t.to}`, t])).values()];
}
