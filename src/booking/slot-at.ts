import { zonedParts } from '../core/local-time.js';
import type { Slot } from './slot.js';
import { zoneAbbreviation } from './zone-abbreviation.js';

/** A resource's time as a Slot, read in the workspace's zone (its local day, time and zone name). */
export function slotAt(resourceId: string, startsAt: Date, endsAt: Date, timezone: string, seatsLeft = 0): Slot {
  const local = zonedParts(startsAt, timezone);
  const zone = zoneAbbreviation(timezone, startsAt);
  return {
    resourceId,
    startsAt,
    endsAt,
    date: local.date,
    time: local.time,
    weekday: local.weekday,
    zone,
    label: `${local.date} ${local.time} ${zone}`,
    seatsLeft,
  };
}
