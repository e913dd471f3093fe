import { z } from 'zod';
import { parseInput } from '../core/parse-input.js';
import { UserError } from '../core/user-error.js';
import { violatedConstraint } from '../db/constraint-violation.js';
import type { AriDatabase } from '../db/open-database.js';
import { bookings } from '../db/schema.js';
import { bookableSlot } from './bookable-slot.js';
import type { BookingEffects } from './booking-change.js';
import { type BookingOutcome, SlotTaken } from './booking.js';
import { loadBookingRules } from './booking-rules.js';
import { claimSeats } from './claim-seats.js';
import { freeSlots } from './free-slots.js';
import { transactionWithRetry } from '../db/retry-on-deadlock.js';
import { and, eq } from 'drizzle-orm';
import type { AriTransaction } from '../db/open-database.js';
import { ariConversations } from '../db/schema.js';
import { contactConversation } from './contact-conversation.js';
import { lockBookingParties } from './lock-booking-parties.js';

export const bookSlotInput = z.strictObject({
  workspaceId: z.uuid(),
  resourceId: z.uuid(),
  contactId: z.uuid(),
  /** The contact's own conversation; default: the contact's conversation, if there is one (reminders go there). */
  conversationId: z.uuid().nullish(),
  startsAt: z.date(),
});
export type BookSlotInput = z.input<typeof bookSlotInput>;

export interface BookingOptions {
  now?: Date;
  /** How many free slots to offer when the time was taken (0: none looked up; the chat picks its own). */
  alternatives?: number;
  /** Run in the booking's transaction: the team's webhook, the reminders (booking-effects.ts). */
  effects?: BookingEffects;
}

/**
 * Books one of a resource's slots for a contact, in one transaction: the booking row and
 * its seats (claim-seats.ts) commit together or not at all. When another booking got the last
 * seat first, nothing is written and the answer is `taken` with the next free slots.
 * The contact and its conversation are locked first (lock-booking-parties.ts), in a reply
 * turn's order, since the booking's effects write the conversation.
 */
export async function bookSlot(
  db: AriDatabase,
  input: BookSlotInput,
  options: BookingOptions = {},
): Promise<BookingOutcome> {
  const values = parseInput(bookSlotInput, input);
  const now = options.now ?? new Date();
  try {
    const booking = await transactionWithRetry(db, async (tx) => {
      await lockBookingParties(tx, values.workspaceId, values.contactId);
      const conversationId = await conversationOfBooking(tx, values);
      const rules = await loadBookingRules(tx, values.workspaceId, values.resourceId, now);
      const slot = bookableSlot(rules, values.startsAt, now);
      const [booking] = await tx
        .insert(bookings)
        .values({
          workspaceId: values.workspaceId,
          resourceId: values.resourceId,
          contactId: values.contactId,
          conversationId,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
        })
        .returning();
      const seated = await claimSeats(tx, {
        workspaceId: values.workspaceId,
        resourceId: values.resourceId,
        bookingId: booking!.id,
        from: slot.startsAt,
        to: new Date(slot.endsAt.getTime() + rules.resource.bufferMinutes * 60_000),
        capacity: rules.resource.capacity,
      });
      if (!seated) throw new SlotTaken();
      await options.effects?.(tx, { type: 'booking.created', booking: booking! });
      return booking!;
    });
    return { status: 'booked', booking };
  } catch (error) {
    if (error instanceof SlotTaken) {
      const limit = options.alternatives ?? 5;
      const alternatives = limit > 0 ? await freeSlots(db, values.workspaceId, values.resourceId, now, limit) : [];
      return { status: 'taken', alternatives };
    }
    throw unknownReference(error) ?? error;
  }
}

/**
 * The conversation the booking belongs to: the one named, which must be the contact's own
 * (else the booking would flip another customer's conversation and send them its reminders),
 * or by default the contact's conversation, or none.
 */
async function conversationOfBooking(
  tx: AriTransaction,
  values: { workspaceId: string; contactId: string; conversationId?: string | null },
): Promise<string | null> {
  if (!values.conversationId) return (await contactConversation(tx, values.workspaceId, values.contactId))?.id ?? null;
  const [own] = await tx
    .select({ id: ariConversations.id })
    .from(ariConversations)
    .where(
      and(
        eq(ariConversations.workspaceId, values.workspaceId),
        eq(ariConversations.id, values.conversationId),
        eq(ariConversations.contactId, values.contactId),
      ),
    );
  if (!own) throw new UserError('no such conversation of this contact in this workspace', 'not_found');
  return own.id;
}

/** A contact or conversation that is not this workspace's. */
export function unknownReference(error: unknown): UserError | null {
  switch (violatedConstraint(error)) {
    case 'bookings_contact_fk':
      return new UserError('no such contact in this workspace', 'not_found');
    case 'bookings_conversation_fk':
      return new UserError('no such conversation in this workspace', 'not_found');
    default:
      return null;
  }
}
