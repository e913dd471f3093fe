import { describe, expect, it } from 'vitest';
import { builtInPlaybook } from '../../playbooks/built-in-playbooks.js';
import { brainOutputSchema } from './brain-output.js';

describe('brainOutputSchema', () => {
  const schema = brainOutputSchema(builtInPlaybook('study-abroad')!);
  const answer = (state: string) => ({
    points: { basic_info: 10, qualification: 10, documents: 10, engagement: 5 },
    facts: {},
    state,
    next_action: 'continue_bot',
    reasoning: 'ready',
  });

  it('takes the states a conversation moves through by talking', () => {
    for (const state of ['greeting', 'qualifying', 'scheduling', 'handoff'])
      expect(schema.safeParse(answer(state)).success).toBe(true);
  });

  it('refuses "booked": only a booking made sets it', () => {
    expect(schema.safeParse(answer('booked')).success).toBe(false);
  });
});
