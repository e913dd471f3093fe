import type { Playbook } from '../../assistant/playbook/playbook-schema.js';
import type { Language } from '../../core/vocabulary.js';
import { formatSlot, formatSlotList } from '../format-slot.js';
import type { Slot } from '../slot.js';
import type { HeldBooking, OfferLine } from './plan-booking-turn.js';

type Lines = Playbook['bookingLines'];

/**
 * A list of slots with its line ("Jadwal yang masih tersedia: 1. Jumat, 27 November, pukul
 * 14.00 WIB …"), after the offer sentence on the first offer; on a reschedule `{slot}` is the
 * booking being moved.
 */
export function offerText(
  lines: Lines,
  language: Language,
  offer: { line: OfferLine; slots: Slot[]; opening: string | null },
  held: HeldBooking | null,
): string {
  const text = fill(lines[offer.line][language], {
    slots: formatSlotList(offer.slots, language),
    slot: held ? formatSlot(held.slot, language) : '',
  });
  return offer.opening ? `${offer.opening}\n\n${text}` : text;
}

/** A booking made, moved or held: when (with the zone), with whom, where. */
export function bookedText(
  lines: Lines,
  language: Language,
  line: 'confirmed' | 'rescheduled',
  booking: { slot: Slot; resourceName: string; location: string },
): string {
  const location = booking.location.trim();
  return fill(lines[line][language], {
    slot: formatSlot(booking.slot, language),
    resource: booking.resourceName,
    location: location ? `\n${fill(lines.location[language], { location })}` : '',
  });
}

/** The booking cancelled, or (`confirmCancel`) the question asked before cancelling it. */
export function cancelledText(
  lines: Lines,
  language: Language,
  booking: HeldBooking,
  line: 'cancelled' | 'confirmCancel' = 'cancelled',
): string {
  return fill(lines[line][language], { slot: formatSlot(booking.slot, language) });
}

/** Each {name} replaced once, in one pass: a value (a resource's name) is never read as a placeholder. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
