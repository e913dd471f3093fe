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
import { readBookingOffer } from './booking-offer.js';
import { loadBookingCalendar } from './load-booking-calendar.js';
import { type BookingPlan, type HeldBooking, mayBeBookingTurn, planBookingTurn } from './plan-booking-turn.js';
import { runBookingPlan } from './run-booking-plan.js';

export interface PlannedBooking {
  plan: BookingPlan;
  held: HeldBooking | null;
}

/** This turn's booking plan, or null when the rules engine's reply stands (no calendar read then). */
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
): Promise<PlannedBooking | null> {
  const { input, turn } = args;
  // Read like the rules engine reads: a bounded prefix, whatever a hostile client sends.
  const text = boundedText(input.burst.at(-1)?.text ?? '');
  const offer = readBookingOffer(args.lastReplyMetadata, input.timezone);
  if (!mayBeBookingTurn(turn.reply.kind, text, offer)) return null;
  const { held, free } = await loadBookingCalendar(db, {
    workspaceId: args.workspaceId,
    contactId: args.contactId,
    timezone: input.timezone,
    now: input.now,
  });
  const plan = planBookingTurn({
    reply: turn.reply,
    language: turn.language,
    text,
    offer,
    held,
    free,
    now: input.now,
    timezone: input.timezone,
  });
  return plan ? { plan, held } : null;
}

/** Carries the plan out in the reply's transaction: the turn to record and its reply's metadata. */
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
  },
): Promise<{ turn: TurnDecision; metadata: Record<string, unknown> }> {
  const { input, turn } = args;
  const step = await runBookingPlan(ctx, tx, planned.plan, {
    workspaceId: args.workspaceId,
    contactId: args.contactId,
    conversationId: args.conversationId,
    state: input.state,
    timezone: input.timezone,
    lines: input.playbook.bookingLines,
    language: turn.language,
    held: planned.held,
    now: input.now,
  });
  if (step.kind === 'hand_off') {
    // The engine's own handoff (its line, quiet hours, the team's notice), for the booking's reason.
    const handoff = rulesTurn({ ...input, assessment: args.assessment, forceHandoff: step.reason });
    if (step.noSlots) handoff.reply = { ...handoff.reply, text: input.playbook.bookingLines.noSlots[turn.language] };
    return { turn: handoff, metadata: {} };
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
  };
}
