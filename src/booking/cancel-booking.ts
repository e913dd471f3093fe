import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../core/parse-input.js';
import { UserError } from '../core/user-error.js';
import type { AriDatabase } from '../db/open-database.js';
import { transactionWithRetry } from '../db/retry-on-deadlock.js';
import { bookings } from '../db/schema.js';
import type { Booking } from './booking.js';
import type { BookingEffects } from './booking-change.js';
import { releaseSeats } from './claim-seats.js';
import { lockBooking } from './lock-booking.js';

export const cancelBookingInput = z.strictObject({ workspaceId: z.uuid(), bookingId: z.uuid() });

/**
 * Cancels a booking and frees its seats in the same transaction, so its time is bookable
 * the moment this commits. Cancelling twice is harmless; a booking that already took place
 * (attended, no_show) is not cancelled. The booking's contact and conversation are locked
 * before the booking (lock-booking.ts), in a reply turn's order; a deadlock all the same
 * (another path's order) runs it again, unless `db` is an outer transaction, which must.
 */
export async function cancelBooking(
  db: AriDatabase,
  input: z.input<typeof cancelBookingInput>,
  options: { effects?: BookingEffects } = {},
): Promise<Booking> {
  const { workspaceId, bookingId } = parseInput(cancelBookingInput, input);
  return transactionWithRetry(db, async (tx) => {
    const booking = await lockBooking(tx, workspaceId, bookingId);
    if (booking.status === 'cancelled') return booking;
    if (booking.status !== 'booked') throw new UserError(`the booking is already marked ${booking.status}`, 'conflict');
    await releaseSeats(tx, workspaceId, bookingId);
    const [cancelled] = await tx
      .update(bookings)
      .set({ status: 'cancelled', updatedAt: sql`now()` })
      .where(and(eq(bookings.workspaceId, workspaceId), eq(bookings.id, bookingId)))
      .returning();
    await options.effects?.(tx, { type: 'booking.cancelled', booking: cancelled! });
    return cancelled!;
  });
}
