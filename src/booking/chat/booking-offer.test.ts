import { describe, expect, it } from 'vitest';
import { slotAt } from '../slot-at.js';
import { type BookingOffer, carriedOfferMetadata, offerMetadata, readBookingOffer } from './booking-offer.js';

const TZ = 'Asia/Jakarta';
const slot = slotAt('r', new Date('2026-11-27T07:00:00Z'), new Date('2026-11-27T08:00:00Z'), TZ);
const offer: BookingOffer = { step: 'offer', purpose: 'book', bookingId: null, misses: 0, slots: [slot] };

describe('carriedOfferMetadata', () => {
  it('keeps an open offer open on a reply about something else, three times at most', () => {
    let metadata: Record<string, unknown> = offerMetadata(offer);
    for (const asides of [1, 2, 3]) {
      metadata = carriedOfferMetadata(readBookingOffer(metadata, TZ));
      expect(readBookingOffer(metadata, TZ)).toMatchObject({ step: 'offer', asides, slots: [slot] });
    }
    expect(carriedOfferMetadata(readBookingOffer(metadata, TZ))).toEqual({});
  });

  it('carries neither a confirmation nor a cancel question (each is asked once)', () => {
    expect(carriedOfferMetadata({ ...offer, step: 'confirmed' })).toEqual({});
    expect(carriedOfferMetadata({ ...offer, step: 'cancel', bookingId: 'b' })).toEqual({});
    expect(carriedOfferMetadata(null)).toEqual({});
  });

  it('reads an offer stored before asides were counted', () => {
    const stored = offerMetadata(offer) as { booking: Record<string, unknown> };
    delete stored.booking.asides;
    expect(readBookingOffer(stored, TZ)?.asides).toBe(0);
  });
});
