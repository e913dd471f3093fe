import { UserError } from '../core/user-error.js';
import { availableSlots } from './available-slots.js';
import type { BookingRules } from './booking-rules.js';
import { zonedParts } from '../core/local-time.js';
import type { Slot } from './slot.js';
import { zoneAbbreviation } from './zone-abbreviation.js';

/**
 * The resource's slot starting at `startsAt`, whether or not it is free (the seats decide
 * that), or a UserError: outside its hours, a day off, too soon, past the horizon, inactive.
 */
export function bookableSlot(rules: BookingRules, startsAt: Date, now: Date): Slot {
  const slot = availableSlots(rules.resource, rules.availability, rules.exceptions, [], now, rules.timezone).find(
    (s) => s.startsAt.getTime() === startsAt.getTime(),
  );
  if (slot) return slot;
  const local = zonedParts(startsAt, rules.timezone);
  const when = `${local.date} ${local.time} ${zoneAbbreviation(rules.timezone, startsAt)}`;
  throw new UserError(`${when} is not a slot of "${rules.resource.name}" that can be booked now`);
}
