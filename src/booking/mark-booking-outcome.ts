import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../core/parse-input.js';
import { UserError } from '../core/user-error.js';
import type { BookingStatus } from '../core/vocabulary.js';
import type { AriDatabase } from '../db/open-database.js';
import { bookings } from '../db/schema.js';
import type { Booking } from './booking.js';
import { lockBooking } from './lock-booking.js';

/** What staff record once a booking's time has come. */
const OUTCOMES = ['attended', 'no_show'] as const satisfies readonly BookingStatus[];

export const markBookingOutcomeInput = z.strictObject({
  workspaceId: z.uuid(),
  bookingId: z.uuid(),
  status: z.enum(OUTCOMES),
});

/**
 * Staff mark a booking attended or no_show (and may correct one into the other). Its seats
 * stay taken: the time was used either way. A cancelled booking, or one whose time has not
 * come, cannot be marked.
 */
export async function markBookingOutcome(
  db: AriDatabase,
  input: z.input<typeof markBookingOutcomeInput>,
  options: { now?: Date } = {},
): Promise<Booking> {
  const values = parseInput(markBookingOutcomeInput, input);
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const booking = await lockBooking(tx, values.workspaceId, values.bookingId);
    if (booking.status === 'cancelled') throw new UserError('a cancelled booking cannot be marked', 'conflict');
    if (booking.startsAt > now) throw new UserError('the booking has not started yet', 'conflict');
    const [marked] = await tx
      .update(bookings)
      .set({ status: values.status, updatedAt: sql`now()` })
      .where(and(eq(bookings.workspaceId, values.workspaceId), eq(bookings.id, values.bookingId)))
      .returning();
    return marked!;
  });
}
