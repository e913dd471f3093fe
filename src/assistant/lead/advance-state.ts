/**
 * Conversation states move only forward: greeting → qualifying → scheduling →
 * booked → handoff. Handoff is reachable from anywhere; only a human hands back.
 * Booked is only ever set by a booking made, and a cancelled one writes scheduling
 * back directly (src/booking/chat/).
 */
import { CONVERSATION_STATES, type ConversationState } from '../../core/vocabulary.js';

export function advanceState(current: ConversationState, proposed: ConversationState): ConversationState {
  return CONVERSATION_STATES.indexOf(proposed) > CONVERSATION_STATES.indexOf(current) ? proposed : current;
}
