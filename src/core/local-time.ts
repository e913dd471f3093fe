/**
 * Wall-clock dates and times in a named time zone, from Intl alone: never the server's own
 * zone (the system ARI replaces built slots in the host's local time and told customers WIB).
 */

/** A local calendar day, 'YYYY-MM-DD'. */
export type LocalDate = string;
/** A local wall-clock time, 'HH:MM' (24-hour). */
export type LocalTime = string;

export interface ZonedParts {
  date: LocalDate;
  time: LocalTime;
  /** 0 = Sunday … 6 = Saturday, as Date.getDay. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** The local day, time and weekday of an instant in `timezone`. */
export function zonedParts(at: Date, timezone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timezone).formatToParts(at)) parts[part.type] = part.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return { date, time: `${parts.hour}:${parts.minute}`, weekday: weekdayOf(date) };
}

/** The instant a local day and time name in `timezone` (the later reading when a clock change repeats it). */
export function zonedToUtc(date: LocalDate, time: LocalTime, timezone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, h, min);
  const first = wall - offsetMinutes(new Date(wall), timezone) * 60_000;
  // The offset at the guess may differ from the offset at the answer across a clock change.
  const second = wall - offsetMinutes(new Date(first), timezone) * 60_000;
  return new Date(second);
}

/** Local time minus UTC at `at`, in minutes (Jakarta: 420). */
export function offsetMinutes(at: Date, timezone: string): number {
  const { date, time } = zonedParts(at, timezone);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  const minuteStart = Math.floor(at.getTime() / 60_000) * 60_000;
  return Math.round((Date.UTC(y, m - 1, d, h, min) - minuteStart) / 60_000);
}

/** A local day `days` later (or earlier); calendar arithmetic, no zone involved. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** 'HH:MM' plus minutes, as minutes since midnight (may pass 24:00). */
export function minutesOf(time: LocalTime): number {
  const [h, min] = time.split(':').map(Number) as [number, number];
  return h * 60 + min;
}

export function timeOf(minutes: number): LocalTime {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
