/**
 * Shapes of the structured assistant settings kept in `ari_config` (jsonb columns),
 * with their validators. The database stores them; the assistant reads exactly these.
 */
import { z } from 'zod';

export const knowledgeEntrySchema = z.object({
  category: z.string().trim().min(1).max(80),
  title: z.string().trim().min(1).max(200),
  content: z.string().trim().min(1).max(4000),
  /** Extra words that should retrieve this entry (either language). */
  keywords: z.array(z.string().trim().min(1)).default([]),
});
export type KnowledgeEntry = z.infer<typeof knowledgeEntrySchema>;

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
