import { addDays, minutesOf, timeOf, weekdayOf, zonedParts, zonedToUtc } from '../core/local-time.js';
import type { DaysOff, HeldTime, Slot, SlotRules, WeeklyWindow } from './slot.js';
import { slotAt } from './slot-at.js';

/**
 * The upcoming slots of a resource, soonest first: its weekly windows laid out in the
 * workspace's zone (slot length then buffer, from each window's start) over `horizonDays`
 * local days from today, minus days off, minus what starts before now + lead time, minus
 * what existing bookings fill to capacity (a booking holds its time plus the buffer after it).
 */
export function availableSlots(
  resource: SlotRules,
  availability: readonly WeeklyWindow[],
  exceptions: readonly DaysOff[],
  existing: readonly HeldTime[],
  now: Date,
  timezone: string,
): Slot[] {
  if (!resource.active) return [];
  const bufferMs = resource.bufferMinutes * 60_000;
  const earliest = now.getTime() + resource.leadTimeMinutes * 60_000;
  const held = existing
    .filter((booking) => booking.status !== 'cancelled')
    .map((booking) => ({ from: booking.startsAt.getTime(), to: booking.endsAt.getTime() + bufferMs }));
  const today = zonedParts(now, timezone).date;
  const slots = new Map<number, Slot>();
  for (let offset = 0; offset < resource.horizonDays; offset++) {
    const date = addDays(today, offset);
    if (exceptions.some((off) => off.startsOn <= date && date <= off.endsOn)) continue;
    const weekday = weekdayOf(date);
    for (const window of availability) {
      if (window.weekday !== weekday) continue;
      const end = minutesOf(window.endTime);
      for (let start = minutesOf(window.startTime); start + resource.slotMinutes <= end; ) {
        const startsAt = localInstant(date, start, timezone);
        const endsAt = localInstant(date, start + resource.slotMinutes, timezone);
        start += resource.slotMinutes + resource.bufferMinutes;
        if (startsAt.getTime() < earliest || slots.has(startsAt.getTime())) continue;
        const seatsLeft = resource.capacity - mostAtOnce(held, startsAt.getTime(), endsAt.getTime() + bufferMs);
        if (seatsLeft <= 0) continue;
        slots.set(startsAt.getTime(), slotAt(resource.id, startsAt, endsAt, timezone, seatsLeft));
      }
    }
  }
  return [...slots.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** A local day plus minutes since its midnight (24:00 and beyond roll into the next day). */
function localInstant(date: string, minutes: number, timezone: string): Date {
  return zonedToUtc(addDays(date, Math.floor(minutes / 1440)), timeOf(minutes % 1440), timezone);
}

/** The most held intervals covering any one moment of [from, to). */
function mostAtOnce(held: readonly { from: number; to: number }[], from: number, to: number): number {
  const overlapping = held.filter((h) => h.from < to && from < h.to);
  // The count peaks at some interval's start (or at `from`).
  const moments = [from, ...overlapping.map((h) => h.from).filter((m) => m > from)];
  let most = 0;
  for (const moment of moments) {
    most = Math.max(most, overlapping.filter((h) => h.from <= moment && moment < h.to).length);
  }
  return most;
}
