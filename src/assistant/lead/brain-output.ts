/**
 * What a model Brain must answer, validated with zod. It proposes points per
 * rubric category, facts, a state, a next action and its reasoning; it does not
 * get to say "hot": ARI clamps the points, sums the score and applies the
 * workspace's thresholds itself.
 */
import { z } from 'zod';
import { CONVERSATION_STATES, NEXT_ACTIONS } from '../../core/vocabulary.js';

const points = z.number().finite();

export const brainOutputSchema = z.object({
  points: z.object({ basic_info: points, qualification: points, documents: points, engagement: points }),
  facts: z
    .object({
      name: z.string().nullish(),
      email: z.string().nullish(),
      destination: z.string().nullish(),
      education_level: z.enum(['foundation', 'diploma', 'bachelor', 'master', 'phd']).nullish(),
      budget: z.string().nullish(),
      english_test: z.string().nullish(),
    })
    .default({}),
  state: z.enum(CONVERSATION_STATES),
  next_action: z.enum(NEXT_ACTIONS),
  reasoning: z.string().max(4000),
});
export type BrainOutput = z.infer<typeof brainOutputSchema>;
