import { z } from 'zod';
import type { Slot } from '../slot.js';
import { slotAt } from '../slot-at.js';

/**
 * What an assistant reply offered, kept in its message's metadata so the next turn reads the
 * customer's answer against it: the slots as numbered, what a pick does (book, or move the
 * booking), and how many answers in a row were unclear or turned the list down. `confirmed`:
 * the reply confirmed a booking made from these slots (a customer repeating the pick gets the
 * confirmation again). `cancel`: the reply asked "Batalkan jadwal …? Balas YA" about
 * `bookingId` (its one slot), and only a yes to it cancels.
 */
export interface BookingOffer {
  step: 'offer' | 'confirmed' | 'cancel';
  purpose: 'book' | 'reschedule';
  /** The booking a reschedule moves, or the one confirmed. */
  bookingId: string | null;
  misses: number;
  /** How many replies in a row answered something else while this offer stayed open. */
  asides?: number;
  slots: Slot[];
}

/** An open offer outlives this many replies about something else ("berapa biayanya?"), no more. */
const MAX_ASIDES = 3;

const storedOffer = z.object({
  offeredSlots: z
    .array(z.object({ resourceId: z.string(), startsAt: z.iso.datetime(), endsAt: z.iso.datetime() }))
    .max(20),
  booking: z.object({
    step: z.enum(['offer', 'confirmed', 'cancel']),
    purpose: z.enum(['book', 'reschedule']),
    bookingId: z.string().nullable(),
    misses: z.number().int().min(0),
    asides: z.number().int().min(0).default(0),
  }),
});

/** The message metadata that records an offer (`offeredSlots` in order, as numbered). */
export function offerMetadata(offer: BookingOffer): Record<string, unknown> {
  return {
    offeredSlots: offer.slots.map((slot) => ({
      resourceId: slot.resourceId,
      startsAt: slot.startsAt.toISOString(),
      endsAt: slot.endsAt.toISOString(),
    })),
    booking: {
      step: offer.step,
      purpose: offer.purpose,
      bookingId: offer.bookingId,
      misses: offer.misses,
      asides: offer.asides ?? 0,
    },
  };
}

/**
 * The metadata that keeps an open offer open on a reply about something else, so a later "2"
 * still picks from it; none once it was carried MAX_ASIDES times (a stray number much later
 * is no pick), nor for a confirmation or a cancel question (asked once).
 */
export function carriedOfferMetadata(offer: BookingOffer | null): Record<string, unknown> {
  if (offer?.step !== 'offer' || (offer.asides ?? 0) >= MAX_ASIDES) return {};
  return offerMetadata({ ...offer, asides: (offer.asides ?? 0) + 1 });
}

/** The offer a reply's metadata records, its slots read in the workspace's zone; null if none. */
export function readBookingOffer(metadata: unknown, timezone: string): BookingOffer | null {
  const parsed = storedOffer.safeParse(metadata);
  if (!parsed.success || parsed.data.offeredSlots.length === 0) return null;
  const { offeredSlots, booking } = parsed.data;
  return {
    ...booking,
    slots: offeredSlots.map((s) => slotAt(s.resourceId, new Date(s.startsAt), new Date(s.endsAt), timezone)),
  };
}
