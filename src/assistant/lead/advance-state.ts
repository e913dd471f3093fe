/**
 * Conversation states move only forward: greeting → qualifying → scheduling →
 * handoff. Handoff is reachable from anywhere; only a human hands back.
 */
import { CONVERSATION_STATES, type ConversationState } from '../../core/vocabulary.js';

export function advanceState(current: ConversationState, proposed: ConversationState): ConversationState {
  return CONVERSATION_STATES.indexOf(proposed) > CONVERSATION_STATES.indexOf(current) ? proposed : current;
}
