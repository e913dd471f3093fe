/**
 * Booking in the chat, as one step of the reply job: before the reply is phrased, whether
 * this turn is a booking one and what it does (read-only); inside the reply's transaction,
 * doing it and writing the reply that says so. The rules engine decides everything else
 * (facts, score, handoffs); a booking step replaces only its reply and where the
 * conversation goes.
 */
import type { BrainOutput } from '../../assistant/lead/brain-output.js';
import { rulesTurn, type TurnDecision, type TurnInput } from '../../assistant/rules/rules-turn.js';
import type { ServiceContext } from '../../context/service-context.js';
import { boundedText } from '../../core/bounded-text.js';
import type { AriDatabase, AriTransaction } from '../../db/open-database.js';
import type { ConversationState } from '../../core/vocabulary.js';
import type { Slot } from '../slot.js';
import { type BookingOffer, carriedOfferMetadata, readBookingOffer } from './booking-offer.js';
import { loadBookingCalendar, loadHeldBooking, workspaceFreeSlots } from './load-booking-calendar.js';
import { type BookingPlan, type HeldBooking, mayBeBookingTurn, planBookingTurn } from './plan-booking-turn.js';
import { runBookingPlan } from './run-booking-plan.js';

export interface PlannedBooking {
  plan: BookingPlan;
  held: HeldBooking | null;
}

/**
 * This turn's booking plan, or null when the rules engine's reply stands (no calendar read then).
 * `carried`: the metadata that keeps an open offer open on that reply (a question asked between
 * the offer and the pick), so a later pick still reads it.
 */
export async function planBooking(
  db: AriDatabase,
  args: {
    workspaceId: string;
    contactId: string;
    input: TurnInput;
    turn: TurnDecision;
    /** The metadata of the assistant's previous reply (what it offered). */
    lastReplyMetadata: unknown;
  },
): Promise<{ planned: PlannedBooking | null; carried: Record<string, unknown> }> {
  const { input, turn } = args;
  const offer = readBookingOffer(args.lastReplyMetadata, input.timezone);
  if (!mayBeBookingTurn(turn.reply.kind, lastText(input), offer)) return { planned: null, carried: {} };
  const { held, free } = await loadBookingCalendar(db, {
    workspaceId: args.workspaceId,
    contactId: args.contactId,
    timezone: input.timezone,
    now: input.now,
  });
  const plan = planFor(input, turn, offer, held, free);
  return { planned: plan ? { plan, held } : null, carried: plan ? {} : carriedOfferMetadata(offer) };
}

/**
 * Carries the plan out in the reply's transaction: the turn to record and its reply's metadata.
 * The contact's booking is read again here (the team may have cancelled, moved or made one while
 * the turn was written): when it changed, the turn is planned again on the calendar as it is now,
 * and may no longer be a booking turn (`stateSet` false: the rules engine's turn stands).
 * `stateSet`: the step wrote the conversation's state itself (from `lockedState`, the state
 * the transaction holds).
 */
export async function takeBookingStep(
  ctx: ServiceContext,
  tx: AriTransaction,
  planned: PlannedBooking,
  args: {
    workspaceId: string;
    contactId: string;
    conversationId: string;
    input: TurnInput;
    assessment: BrainOutput | undefined;
    turn: TurnDecision;
    lastReplyMetadata: unknown;
    lockedState: ConversationState;
  },
): Promise<{ turn: TurnDecision; metadata: Record<string, unknown>; stateSet: boolean }> {
  const { input, turn } = args;
  const at = { workspaceId: args.workspaceId, contactId: args.contactId, timezone: input.timezone, now: input.now };
  const held = await loadHeldBooking(tx, at);
  let plan: BookingPlan | null = planned.plan;
  if (held?.id !== planned.held?.id) {
    const offer = readBookingOffer(args.lastReplyMetadata, input.timezone);
    plan = planFor(input, turn, offer, held, await workspaceFreeSlots(tx, args.workspaceId, input.now));
    if (!plan) return { turn, metadata: carriedOfferMetadata(offer), stateSet: false };
  }
  const step = await runBookingPlan(ctx, tx, plan, {
    workspaceId: args.workspaceId,
    contactId: args.contactId,
    conversationId: args.conversationId,
    state: args.lockedState,
    timezone: input.timezone,
    lines: input.playbook.bookingLines,
    language: turn.language,
    held,
    now: input.now,
  });
  if (step.kind === 'hand_off') {
    // The engine's own handoff (its line, quiet hours, the team's notice), for the booking's reason.
    const handoff = rulesTurn({ ...input, assessment: args.assessment, forceHandoff: step.reason });
    if (step.noSlots) handoff.reply = { ...handoff.reply, text: input.playbook.bookingLines.noSlots[turn.language] };
    return { turn: handoff, metadata: {}, stateSet: false };
  }
  return {
    turn: {
      ...turn,
      state: step.state,
      nextAction: step.nextAction,
      handoffReason: null,
      reply: { text: step.text, kind: 'booking', asked: null },
    },
    metadata: step.metadata,
    stateSet: true,
  };
}

function planFor(
  input: TurnInput,
  turn: TurnDecision,
  offer: BookingOffer | null,
  held: HeldBooking | null,
  free: Slot[],
): BookingPlan | null {
  return planBookingTurn({
    reply: turn.reply,
    language: turn.language,
    text: lastText(input),
    offer,
    held,
    free,
    now: input.now,
    timezone: input.timezone,
  });
}

/** Read like the rules engine reads: a bounded prefix, whatever a hostile client sends. */
function lastText(input: TurnInput): string {
  return boundedText(input.burst.at(-1)?.text ?? '');
}
