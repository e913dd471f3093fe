import type { AriDatabase } from '../db/open-database.js';
import { availableSlots } from './available-slots.js';
import { loadBookingRules } from './booking-rules.js';
import type { Slot } from './slot.js';

/** The next free slots of a resource as committed now (what a customer who lost a race is offered). */
export async function freeSlots(
  db: AriDatabase,
  workspaceId: string,
  resourceId: string,
  now: Date,
  limit: number,
): Promise<Slot[]> {
  const rules = await loadBookingRules(db, workspaceId, resourceId, now);
  return availableSlots(rules.resource, rules.availability, rules.exceptions, rules.held, now, rules.timezone).slice(
    0,
    limit,
  );
}
