/**
 * Whether a stored ari_config is one the assistant can run on: flow stages,
 * knowledge entries, scoring weights summing to 100, hot above warm, model chains.
 * The console's editor will validate with the same schemas before saving.
 */
import { z } from 'zod';
import {
  flowStageSchema,
  knowledgeEntrySchema,
  modelChainSchema,
  scoringWeightsSchema,
  thresholdsSchema,
} from '../core/assistant-settings.js';
import type { AssistantConfig } from './assistant-config.js';

const storedConfigSchema = z.object({
  flowStages: z.array(flowStageSchema),
  knowledgeEntries: z.array(knowledgeEntrySchema),
  scoringWeights: scoringWeightsSchema,
  thresholds: thresholdsSchema,
  mouthChain: modelChainSchema.nullable(),
  brainChain: modelChainSchema.nullable(),
});

/** The problems of a stored config, one sentence each; empty when it is usable. */
export function assistantConfigProblems(config: AssistantConfig): string[] {
  const result = storedConfigSchema.safeParse({
    flowStages: config.flowStages,
    knowledgeEntries: config.knowledgeEntries,
    scoringWeights: config.scoringWeights,
    thresholds: { hot: config.hotThreshold, warm: config.warmThreshold },
    mouthChain: config.mouthChain,
    brainChain: config.brainChain,
  });
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`);
}
