/**
 * What a model Brain must answer, validated with zod and generated from the
 * playbook: points per rubric category, a value per slot (typed by the slot's
 * kind, null when unknown), a state, a next action and its reasoning. It does not
 * get to say "hot": ARI clamps the points, sums the score and applies the
 * playbook's thresholds itself. Nor "booked": only a booking made is one.
 */
import { z } from 'zod';
import { CONVERSATION_STATES, type ConversationState, NEXT_ACTIONS } from '../../core/vocabulary.js';
import type { Playbook, PlaybookSlot } from '../playbook/playbook-schema.js';

/** The states a Brain may judge: `booked` only a real booking sets (src/booking/chat/). */
export const BRAIN_STATES = CONVERSATION_STATES.filter(
  (state): state is Exclude<ConversationState, 'booked'> => state !== 'booked',
) as [Exclude<ConversationState, 'booked'>, ...Exclude<ConversationState, 'booked'>[]];

export interface BrainOutput {
  points: Record<string, number>;
  facts: Record<string, string | number | boolean | null | undefined>;
  state: (typeof BRAIN_STATES)[number];
  next_action: (typeof NEXT_ACTIONS)[number];
  reasoning: string;
}

const schemas = new WeakMap<Playbook, z.ZodType<BrainOutput>>();

export function brainOutputSchema(playbook: Playbook): z.ZodType<BrainOutput> {
  let schema = schemas.get(playbook);
  if (!schema) {
    const points = z.number().finite();
    schema = z.object({
      points: z.object(Object.fromEntries(playbook.rubric.categories.map((c) => [c.id, points.describe(c.label.en)]))),
      facts: z
        .object(
          Object.fromEntries(
            playbook.slots.map((slot) => [slot.id, factSchema(slot).nullish().describe(slot.label.en)]),
          ),
        )
        .default({}),
      state: z.enum(BRAIN_STATES),
      next_action: z.enum(NEXT_ACTIONS),
      reasoning: z.string().max(4000),
    }) as unknown as z.ZodType<BrainOutput>;
    schemas.set(playbook, schema);
  }
  return schema;
}

function factSchema(slot: PlaybookSlot): z.ZodType<string | number | boolean> {
  switch (slot.kind) {
    case 'choice':
      return z.enum(slot.choices.map((c) => c.value) as [string, ...string[]]);
    case 'number':
      return z.number().finite();
    case 'timeline':
      return z.number().min(0).max(50).describe('years from now until the start');
    case 'yes_no':
    case 'document':
      return z.boolean();
    default:
      return z.string().max(500);
  }
}
