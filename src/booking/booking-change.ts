import type { AriTransaction } from '../db/open-database.js';
import type { Booking } from './booking.js';

/** A change to a booking that others must hear of (the team's webhooks, the reminders). */
export type BookingChange =
  | { type: 'booking.created'; booking: Booking }
  /** `booking` is the new one; `previous` was cancelled in the same transaction. */
  | { type: 'booking.rescheduled'; booking: Booking; previous: Booking }
  | { type: 'booking.cancelled'; booking: Booking };

/**
 * What else happens in the transaction that changes a booking, so it commits or rolls back
 * with it (booking-effects.ts: the team's webhook and the reminders). Without it, a booking is
 * only data: data tests and imports use that.
 */
export type BookingEffects = (tx: AriTransaction, change: BookingChange) => Promise<void>;
