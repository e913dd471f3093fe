import type { AriDatabase } from '../db/open-database.js';
import { availableSlots } from './available-slots.js';
import { loadBookingRules } from './booking-rules.js';
import type { Slot } from './slot.js';

/**
 * The next free slots of a resource as committed now (what a customer who lost a race is
 * offered); with `from`, the first ones starting then or later (a calendar's later week).
 */
export async function freeSlots(
  db: AriDatabase,
  workspaceId: string,
  resourceId: string,
  now: Date,
  limit: number,
  from?: Date,
): Promise<Slot[]> {
  const rules = await loadBookingRules(db, workspaceId, resourceId, now);
  return availableSlots(rules.resource, rules.availability, rules.exceptions, rules.held, now, rules.timezone)
    .filter((slot) => !from || slot.startsAt >= from)
    .slice(0, limit);
}
