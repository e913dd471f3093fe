import { zonedParts } from '../core/local-time.js';
import type { Slot } from './slot.js';
import { zoneAbbreviation } from './zone-abbreviation.js';

/** An instant as the workspace's people read it: local day, time, weekday, zone name, and '2026-11-27 14:00 WIB'. */
export function localTimeOf(at: Date, timezone: string): Pick<Slot, 'date' | 'time' | 'weekday' | 'zone' | 'label'> {
  const local = zonedParts(at, timezone);
  const zone = zoneAbbreviation(timezone, at);
  return {
    date: local.date,
    time: local.time,
    weekday: local.weekday,
    zone,
    label: `${local.date} ${local.time} ${zone}`,
  };
}

/** A resource's time as a Slot, read in the workspace's zone (its local day, time and zone name). */
export function slotAt(resourceId: string, startsAt: Date, endsAt: Date, timezone: string, seatsLeft = 0): Slot {
  return { resourceId, startsAt, endsAt, ...localTimeOf(startsAt, timezone), seatsLeft };
}
