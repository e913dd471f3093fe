import type { ConversationState } from '../core/vocabulary.js';
import { advanceState } from './lead/advance-state.js';

/**
 * The state a turn records, given the state the reply's transaction locked: the turn was
 * decided on the state read before its model calls, and staff may have booked or cancelled
 * meanwhile (writing `booked` or `scheduling` directly). A turn that moved the state forward
 * moves the locked state forward; one that kept the state it read keeps the locked one, so
 * a stale `booked` never comes back over a cancellation, nor a stale `scheduling` over a booking.
 */
export function settleTurnState(
  turnState: ConversationState,
  readState: ConversationState,
  lockedState: ConversationState,
): ConversationState {
  return turnState === readState ? lockedState : advanceState(lockedState, turnState);
}
