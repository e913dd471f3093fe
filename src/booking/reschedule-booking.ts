import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../core/parse-input.js';
import { UserError } from '../core/user-error.js';
import type { AriDatabase } from '../db/open-database.js';
import { bookings } from '../db/schema.js';
import type { BookingOptions } from './book-slot.js';
import { bookableSlot } from './bookable-slot.js';
import { type BookingOutcome, SlotTaken } from './booking.js';
import { loadBookingRules } from './booking-rules.js';
import { claimSeats, releaseSeats } from './claim-seats.js';
import { freeSlots } from './free-slots.js';
import { lockBooking } from './lock-booking.js';
import { transactionWithRetry } from '../db/retry-on-deadlock.js';

export const rescheduleBookingInput = z.strictObject({
  workspaceId: z.uuid(),
  bookingId: z.uuid(),
  startsAt: z.date(),
});

/**
 * Moves a booking to another slot of its resource, in one transaction: the old booking is
 * cancelled and its seats freed (so the new time may overlap the old one), a new booking
 * records `rescheduled_from`, and its seats are claimed. If the new time is taken, all of it
 * rolls back and the customer keeps the old booking, with the next free slots offered.
 */
export async function rescheduleBooking(
  db: AriDatabase,
  input: z.input<typeof rescheduleBookingInput>,
  options: BookingOptions = {},
): Promise<BookingOutcome> {
  const values = parseInput(rescheduleBookingInput, input);
  const now = options.now ?? new Date();
  let resourceId = '';
  try {
    const booking = await transactionWithRetry(db, async (tx) => {
      const old = await lockBooking(tx, values.workspaceId, values.bookingId);
      if (old.status !== 'booked') throw new UserError(`a ${old.status} booking cannot be moved`, 'conflict');
      resourceId = old.resourceId;
      const rules = await loadBookingRules(tx, values.workspaceId, old.resourceId, now);
      const slot = bookableSlot(rules, values.startsAt, now);
      await releaseSeats(tx, values.workspaceId, old.id);
      await tx
        .update(bookings)
        .set({ status: 'cancelled', updatedAt: sql`now()` })
        .where(and(eq(bookings.workspaceId, values.workspaceId), eq(bookings.id, old.id)));
      const [moved] = await tx
        .insert(bookings)
        .values({
          workspaceId: values.workspaceId,
          resourceId: old.resourceId,
          contactId: old.contactId,
          conversationId: old.conversationId,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          rescheduledFrom: old.id,
        })
        .returning();
      const seated = await claimSeats(tx, {
        workspaceId: values.workspaceId,
        resourceId: old.resourceId,
        bookingId: moved!.id,
        from: slot.startsAt,
        to: new Date(slot.endsAt.getTime() + rules.resource.bufferMinutes * 60_000),
        capacity: rules.resource.capacity,
      });
      if (!seated) throw new SlotTaken();
      await options.effects?.(tx, {
        type: 'booking.rescheduled',
        booking: moved!,
        previous: { ...old, status: 'cancelled' },
      });
      return moved!;
    });
    return { status: 'booked', booking };
  } catch (error) {
    if (!(error instanceof SlotTaken)) throw error;
    const limit = options.alternatives ?? 5;
    const alternatives = limit > 0 ? await freeSlots(db, values.workspaceId, resourceId, now, limit) : [];
    return { status: 'taken', alternatives };
  }
}
