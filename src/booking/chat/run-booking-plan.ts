import { and, eq } from 'drizzle-orm';
import { advanceState } from '../../assistant/lead/advance-state.js';
import type { Playbook } from '../../assistant/playbook/playbook-schema.js';
import type { ServiceContext } from '../../context/service-context.js';
import { UserError } from '../../core/user-error.js';
import type { ConversationState, Language, NextAction } from '../../core/vocabulary.js';
import type { AriTransaction } from '../../db/open-database.js';
import { bookingResources } from '../../db/schema.js';
import { bookSlot } from '../book-slot.js';
import type { Booking, BookingOutcome } from '../booking.js';
import { bookingEffects } from '../booking-effects.js';
import { cancelBooking } from '../cancel-booking.js';
import { rescheduleBooking } from '../reschedule-booking.js';
import type { Slot } from '../slot.js';
import { slotAt } from '../slot-at.js';
import { offerMetadata } from './booking-offer.js';
import { bookedText, cancelledText, offerText } from './booking-reply-text.js';
import { loadHeldBooking, workspaceFreeSlots } from './load-booking-calendar.js';
import { pickOfferSlots } from './pick-offer-slots.js';
import type { BookingPlan, HeldBooking, OfferLine } from './plan-booking-turn.js';

/** The reply a booking step gives, and where it leaves the conversation. */
export type BookingStep =
  | {
      kind: 'reply';
      text: string;
      state: ConversationState;
      nextAction: NextAction;
      /** Recorded on the reply: what it offered or confirmed (booking-offer.ts). */
      metadata: Record<string, unknown>;
    }
  | { kind: 'hand_off'; reason: string; noSlots: boolean };

export interface BookingStepContext {
  workspaceId: string;
  contactId: string;
  conversationId: string;
  /** The conversation's state, as locked by the reply's transaction (not as the turn first read it). */
  state: ConversationState;
  timezone: string;
  lines: Playbook['bookingLines'];
  language: Language;
  /** The contact's upcoming booking, read in the reply's transaction. */
  held: HeldBooking | null;
  now: Date;
}

/**
 * Carries out a booking plan inside the reply's transaction (the booking's own transaction
 * nests in it as a savepoint), so the booking and the reply that tells of it commit together
 * or not at all, and a retried reply job, finding its messages answered, books nothing. The
 * text is written after the attempt: a time taken meanwhile is said so, with other times.
 */
export async function runBookingPlan(
  ctx: ServiceContext,
  tx: AriTransaction,
  plan: BookingPlan,
  at: BookingStepContext,
): Promise<BookingStep> {
  const { lines, language } = at;
  const effects = bookingEffects(ctx);
  const offering = (held: HeldBooking | null) => ({
    state: held
      ? ('booked' as const)
      : at.state === 'booked'
        ? ('scheduling' as const)
        : advanceState(at.state, 'scheduling'),
    nextAction: 'offer_consultation' as const,
  });
  const offer = (
    line: OfferLine,
    slots: Slot[],
    purpose: 'book' | 'reschedule',
    misses: number,
    opening: string | null,
    held: HeldBooking | null,
  ): BookingStep => {
    if (slots.length === 0) return { kind: 'hand_off', reason: 'no free time left to offer', noSlots: true };
    return {
      kind: 'reply',
      text: offerText(lines, language, { line, slots, opening }, held),
      ...offering(held),
      metadata: offerMetadata({
        step: 'offer',
        purpose,
        bookingId: purpose === 'reschedule' ? (held?.id ?? null) : null,
        misses,
        slots,
      }),
    };
  };
  const confirmed = (line: 'confirmed' | 'rescheduled', booking: HeldBooking, offered: Slot[]): BookingStep => ({
    kind: 'reply',
    text: bookedText(lines, language, line, booking),
    state: 'booked',
    nextAction: 'continue_bot',
    metadata: offerMetadata({ step: 'confirmed', purpose: 'book', bookingId: booking.id, misses: 0, slots: offered }),
  });
  /** The contact's upcoming booking as it is now, in this transaction. */
  const heldNow = () => loadHeldBooking(tx, at);
  /** The time was taken meanwhile (or can no longer be booked): other times, the customer keeps what they had. */
  const notBooked = async (line: OfferLine, purpose: 'book' | 'reschedule', moving: HeldBooking | null) => {
    // A booking being moved that is gone meanwhile (cancelled by the team) is no longer held.
    const still = await heldNow();
    const held = moving && still?.id === moving.id ? moving : null;
    if (moving && !held) purpose = 'book';
    const free = await workspaceFreeSlots(tx, at.workspaceId, at.now);
    const movable = held ? free.filter((s) => s.resourceId === held.slot.resourceId) : free;
    const others = movable.filter((s) => s.startsAt.getTime() !== held?.slot.startsAt.getTime());
    const step = offer(line, pickOfferSlots(others), purpose, 0, null, held);
    return step.kind === 'reply' ? { ...step, ...offering(still) } : step;
  };

  switch (plan.action) {
    case 'offer':
      return offer(plan.line, plan.slots, plan.purpose, plan.misses, plan.opening, at.held);
    case 'confirm':
      return confirmed('confirmed', plan.booking, plan.offered);
    case 'hand_off':
      return { kind: 'hand_off', reason: plan.reason, noSlots: plan.noSlots };
    case 'ask_cancel':
      return {
        kind: 'reply',
        text: cancelledText(lines, language, plan.booking, 'confirmCancel'),
        state: 'booked',
        nextAction: 'continue_bot',
        metadata: offerMetadata({
          step: 'cancel',
          purpose: 'book',
          bookingId: plan.booking.id,
          misses: 0,
          slots: [plan.booking.slot],
        }),
      };
    case 'cancel': {
      await cancelBooking(tx, { workspaceId: at.workspaceId, bookingId: plan.booking.id }, { effects });
      return {
        kind: 'reply',
        text: cancelledText(lines, language, plan.booking),
        // Written directly (states only move forward otherwise), and like followBookingInConversation:
        // still booked while the contact holds another upcoming booking.
        state: (await heldNow()) ? 'booked' : 'scheduling',
        nextAction: 'continue_bot',
        metadata: { booking: { step: 'cancelled', bookingId: plan.booking.id } },
      };
    }
    case 'book':
    case 'move': {
      const held = plan.action === 'move' ? plan.booking : null;
      const purpose = held ? 'reschedule' : 'book';
      let outcome: BookingOutcome;
      try {
        outcome = held
          ? await rescheduleBooking(
              tx,
              { workspaceId: at.workspaceId, bookingId: held.id, startsAt: plan.slot.startsAt },
              { now: at.now, effects, alternatives: 0 },
            )
          : await bookSlot(
              tx,
              {
                workspaceId: at.workspaceId,
                resourceId: plan.slot.resourceId,
                contactId: at.contactId,
                conversationId: at.conversationId,
                startsAt: plan.slot.startsAt,
              },
              { now: at.now, effects, alternatives: 0 },
            );
      } catch (error) {
        // Offered earlier, no longer bookable (too soon now, a day off set since): the nearest other times.
        if (error instanceof UserError) return notBooked('wantedAfter', purpose, held);
        throw error;
      }
      if (outcome.status === 'taken') return notBooked('taken', purpose, held);
      const booking = await describeBooking(tx, outcome.booking, at.timezone);
      return confirmed(held ? 'rescheduled' : 'confirmed', booking, plan.offered);
    }
  }
}

async function describeBooking(tx: AriTransaction, booking: Booking, timezone: string): Promise<HeldBooking> {
  const [resource] = await tx
    .select({ name: bookingResources.name, location: bookingResources.location })
    .from(bookingResources)
    .where(and(eq(bookingResources.workspaceId, booking.workspaceId), eq(bookingResources.id, booking.resourceId)));
  return {
    id: booking.id,
    resourceName: resource?.name ?? '',
    location: resource?.location ?? '',
    slot: slotAt(booking.resourceId, booking.startsAt, booking.endsAt, timezone),
  };
}
