/** The days a calendar shows and the instants they span, in the workspace's zone (never the browser's). */
import { addDays, weekdayOf, zonedParts, zonedToUtc } from '../../../../src/core/local-time';

export type CalendarView = 'day' | 'week';

/** Today's local date in `timezone`. */
export function todayIn(timezone: string): string {
  return zonedParts(new Date(), timezone).date;
}

/** The local dates shown: the anchor day, or its week from Monday. */
export function calendarDays(view: CalendarView, anchor: string): string[] {
  if (view === 'day') return [anchor];
  const monday = addDays(anchor, -((weekdayOf(anchor) + 6) % 7));
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** [from, to) of the shown days as instants, for GET …/bookings. */
export function calendarRange(days: string[], timezone: string): { from: string; to: string } {
  return {
    from: zonedToUtc(days[0]!, '00:00', timezone).toISOString(),
    to: zonedToUtc(addDays(days.at(-1)!, 1), '00:00', timezone).toISOString(),
  };
}

/** The anchor one view later (or earlier). */
export function shiftAnchor(view: CalendarView, anchor: string, direction: 1 | -1): string {
  return addDays(anchor, direction * (view === 'day' ? 1 : 7));
}

/** Local minutes since the day's midnight of an instant, and its local date. */
export function localMinutes(iso: string, timezone: string): { date: string; minutes: number } {
  const { date, time } = zonedParts(new Date(iso), timezone);
  const [h, m] = time.split(':').map(Number) as [number, number];
  return { date, minutes: h * 60 + m };
}

/** 'HH:MM' local. */
export function localTime(iso: string, timezone: string): string {
  return zonedParts(new Date(iso), timezone).time;
}

/** A day's heading or a booking's date in the console's language and the workspace's zone. */
export function formatDay(date: string, locale: string, long = false): string {
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: 'UTC',
    weekday: long ? 'long' : 'short',
    day: 'numeric',
    month: long ? 'long' : 'short',
  }).format(new Date(`${date}T00:00:00Z`));
}
