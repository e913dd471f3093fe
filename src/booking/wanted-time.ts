import type { LocalDate, LocalTime } from '../core/local-time.js';
import type { Slot } from './slot.js';

/** Local days, both ends included (one day: from = to). */
export interface DayRange {
  from: LocalDate;
  to: LocalDate;
}

/** Local times: one exact time when from = to, else [from, to). */
export interface TimeRange {
  from: LocalTime;
  to: LocalTime;
}

/** A day and/or time a customer asked for. */
export interface WantedTime {
  day?: DayRange;
  time?: TimeRange;
}

/** The slot falls on the wanted day and at the wanted time (what is not said does not restrict). */
export function matchesWanted(slot: Slot, wanted: WantedTime): boolean {
  if (wanted.day && (slot.date < wanted.day.from || slot.date > wanted.day.to)) return false;
  if (!wanted.time) return true;
  if (wanted.time.from === wanted.time.to) return slot.time === wanted.time.from;
  return slot.time >= wanted.time.from && slot.time < wanted.time.to;
}
