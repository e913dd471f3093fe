/**
 * Shapes of the structured assistant settings kept in `ari_config` (jsonb columns),
 * with their validators. The database stores them; the assistant reads exactly these.
 */
import { z } from 'zod';

export const flowStageSchema = z.object({
  name: z.string().trim().min(1).max(80),
  goal: z.string().trim().min(1).max(500),
  sampleScript: z.string().max(2000).default(''),
  exitCriteria: z.string().max(500).default(''),
  order: z.number().int().min(0),
  active: z.boolean().default(true),
});
export type FlowStage = z.infer<typeof flowStageSchema>;

export const knowledgeEntrySchema = z.object({
  category: z.string().trim().min(1).max(80),
  title: z.string().trim().min(1).max(200),
  content: z.string().trim().min(1).max(4000),
  /** Extra words that should retrieve this entry (either language). */
  keywords: z.array(z.string().trim().min(1)).default([]),
});
export type KnowledgeEntry = z.infer<typeof knowledgeEntrySchema>;

export const SCORING_CATEGORIES = ['basicInfo', 'qualification', 'documents', 'engagement'] as const;
export type ScoringCategory = (typeof SCORING_CATEGORIES)[number];

export const scoringWeightsSchema = z
  .object({
    basicInfo: z.number().min(0).max(100),
    qualification: z.number().min(0).max(100),
    documents: z.number().min(0).max(100),
    engagement: z.number().min(0).max(100),
  })
  .refine((w) => Math.abs(w.basicInfo + w.qualification + w.documents + w.engagement - 100) < 1e-9, {
    message: 'scoring weights must sum to 100',
  });
export type ScoringWeights = z.infer<typeof scoringWeightsSchema>;

export const DEFAULT_SCORING_WEIGHTS: ScoringWeights = {
  basicInfo: 25,
  qualification: 35,
  documents: 30,
  engagement: 10,
};

export const thresholdsSchema = z
  .object({ hot: z.number().int().min(1).max(100), warm: z.number().int().min(0).max(99) })
  .refine((t) => t.hot > t.warm, { message: 'the hot threshold must be above the warm threshold' });

export const PROVIDERS = ['grok', 'sealion', 'ollama', 'anthropic', 'rules'] as const;
export type Provider = (typeof PROVIDERS)[number];

export const modelLinkSchema = z.object({
  provider: z.enum(PROVIDERS),
  model: z.string().trim().min(1).max(200),
  timeoutMs: z.number().int().min(100).max(120_000),
});
export type ModelLink = z.infer<typeof modelLinkSchema>;

export const modelChainSchema = z.array(modelLinkSchema).min(1).max(6);
export type ModelChain = z.infer<typeof modelChainSchema>;
