import type { Slot } from './slot.js';
import { matchesWanted, type WantedTime } from './wanted-time.js';

/** Slots to offer for what a customer asked, and whether they are what was asked. */
export interface SlotsForWanted {
  /** `exact`: the wanted day and time; `day`: that day at other times; `after`: the next ones after it. */
  fit: 'exact' | 'day' | 'after';
  slots: Slot[];
}

/**
 * Answers "besok jam 2 siang?" from the free slots: the ones that fit; else that day's other
 * times; else the first free slots from that day on (from now when no day was named), so the
 * customer always gets something concrete to choose from — or nothing, when the calendar is full.
 */
export function slotsForWanted(free: readonly Slot[], wanted: WantedTime, limit = 5): SlotsForWanted {
  const exact = free.filter((slot) => matchesWanted(slot, wanted));
  if (exact.length > 0) return { fit: 'exact', slots: exact.slice(0, limit) };
  const day = wanted.day;
  if (day && wanted.time) {
    const sameDay = free.filter((slot) => matchesWanted(slot, { day }));
    if (sameDay.length > 0) return { fit: 'day', slots: sameDay.slice(0, limit) };
  }
  const from = day?.from ?? '';
  return { fit: 'after', slots: free.filter((slot) => slot.date >= from).slice(0, limit) };
}
