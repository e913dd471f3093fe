import type { Slot } from '../slot.js';

const SPREAD_MS = 3 * 3_600_000;

/**
 * The few slots to offer out of the free ones (soonest first): spread over days and hours
 * (at most two a day, three hours apart) rather than five half-hours of one morning, so the
 * list gives a real choice; filled up in order when the calendar has little else. One time
 * is offered once, whichever resource has it.
 */
export function pickOfferSlots(free: readonly Slot[], limit = 5): Slot[] {
  const distinct = distinctTimes(free);
  const picked: Slot[] = [];
  for (const slot of distinct) {
    if (picked.length === limit) break;
    const sameDay = picked.filter((p) => p.date === slot.date);
    const last = sameDay.at(-1);
    if (sameDay.length < 2 && (!last || slot.startsAt.getTime() - last.startsAt.getTime() >= SPREAD_MS))
      picked.push(slot);
  }
  for (const slot of distinct) {
    if (picked.length >= Math.min(3, limit)) break;
    if (!picked.includes(slot)) picked.push(slot);
  }
  return picked.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** The first slot of each start time, order kept. */
export function distinctTimes(slots: readonly Slot[]): Slot[] {
  const seen = new Set<number>();
  return slots.filter((slot) => {
    const at = slot.startsAt.getTime();
    if (seen.has(at)) return false;
    seen.add(at);
    return true;
  });
}
