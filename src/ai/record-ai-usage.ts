/**
 * Writes one ai_usage row per AI call attempt, priced by the entry in force now;
 * the row keeps that entry's id. A model without a price keeps its tokens and is
 * flagged unpriced (cost 0 until someone adds its price; reports say so).
 */
import type { LanguageModelUsage } from 'ai';
import type { ModelLink } from '../core/assistant-settings.js';
import type { AiOutcome, AiType } from '../core/vocabulary.js';
import type { AriDatabase, AriTransaction } from '../db/open-database.js';
import { aiUsage } from '../db/schema.js';
import { costUsd } from '../prices/compute-cost.js';
import { findPrice, type PriceEntry } from '../prices/price-table.js';
import { readTokenUsage, type TokenUsage } from '../prices/token-usage.js';

export interface UsageRecord {
  workspaceId: string;
  conversationId: string | null;
  link: ModelLink;
  aiType: AiType;
  usage: LanguageModelUsage | null;
  latencyMs: number;
  outcome: AiOutcome;
  at?: Date;
}

export async function recordAiUsage(
  db: AriDatabase | AriTransaction,
  prices: PriceEntry[],
  record: UsageRecord,
): Promise<{ tokens: TokenUsage; costUsd: string; unpriced: boolean }> {
  const at = record.at ?? new Date();
  const tokens = record.usage
    ? readTokenUsage(record.link.provider, record.usage.raw ?? fromSdkUsage(record.usage))
    : readTokenUsage(record.link.provider, {});
  const price = findPrice(prices, record.link.provider, record.link.model, at);
  const cost = price ? costUsd(tokens, price) : '0.000000000000';
  await db.insert(aiUsage).values({
    workspaceId: record.workspaceId,
    conversationId: record.conversationId,
    provider: record.link.provider,
    model: record.link.model,
    aiType: record.aiType,
    inputTokens: tokens.inputTokens,
    cachedInputTokens: tokens.cachedInputTokens,
    outputTokens: tokens.outputTokens,
    reasoningTokens: tokens.reasoningTokens,
    costUsd: cost,
    priceEntry: price?.id ?? null,
    unpriced: price === null,
    latencyMs: record.latencyMs,
    outcome: record.outcome,
    createdAt: at,
  });
  return { tokens, costUsd: cost, unpriced: price === null };
}

/** When a provider gives no raw usage, the SDK's normalised numbers in OpenAI's shape. */
function fromSdkUsage(usage: LanguageModelUsage): Record<string, unknown> {
  return {
    prompt_tokens: usage.inputTokens ?? 0,
    completion_tokens: usage.outputTokens ?? 0,
    prompt_tokens_details: { cached_tokens: usage.inputTokenDetails?.cacheReadTokens ?? 0 },
  };
}
