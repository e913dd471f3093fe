import { and, eq, gt, ne, sql } from 'drizzle-orm';
import type { AriTransaction } from '../db/open-database.js';
import { ariConversations, bookings } from '../db/schema.js';
import type { BookingChange } from './booking-change.js';

/**
 * The conversation's state follows its bookings, whoever changed them (chat, console, API, CLI):
 * a booking made or moved makes it `booked`; cancelling the last upcoming one puts a `booked`
 * conversation back to `scheduling` (written directly: states otherwise only move forward).
 * Runs in the booking's transaction, so the state and the booking never disagree.
 */
export async function followBookingInConversation(tx: AriTransaction, change: BookingChange, now: Date): Promise<void> {
  const { booking } = change;
  if (!booking.conversationId) return;
  const ofConversation = and(
    eq(ariConversations.workspaceId, booking.workspaceId),
    eq(ariConversations.id, booking.conversationId),
  );
  if (change.type !== 'booking.cancelled') {
    await tx.update(ariConversations).set({ state: 'booked', updatedAt: sql`now()` }).where(ofConversation);
    return;
  }
  const [another] = await tx
    .select({ id: bookings.id })
    .from(bookings)
    .where(
      and(
        eq(bookings.workspaceId, booking.workspaceId),
        eq(bookings.contactId, booking.contactId),
        eq(bookings.status, 'booked'),
        ne(bookings.id, booking.id),
        gt(bookings.startsAt, now),
      ),
    )
    .limit(1);
  if (another) return;
  await tx
    .update(ariConversations)
    .set({ state: 'scheduling', updatedAt: sql`now()` })
    .where(and(ofConversation, eq(ariConversations.state, 'booked')));
}
