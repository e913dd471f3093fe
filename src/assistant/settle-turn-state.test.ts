import { describe, expect, it } from 'vitest';
import { settleTurnState } from './settle-turn-state.js';

describe('settleTurnState', () => {
  it.each([
    // [turn, read, locked, recorded]
    ['scheduling', 'scheduling', 'booked', 'booked'], // staff booked during the turn
    ['booked', 'booked', 'scheduling', 'scheduling'], // staff cancelled during the turn
    ['scheduling', 'qualifying', 'booked', 'booked'], // the turn's step forward is behind the booking
    ['scheduling', 'qualifying', 'qualifying', 'scheduling'], // nothing changed: the turn's state
    ['handoff', 'booked', 'scheduling', 'handoff'],
  ] as const)('turn %s read on %s, locked %s → %s', (turn, read, locked, recorded) => {
    expect(settleTurnState(turn, read, locked)).toBe(recorded);
  });
});
