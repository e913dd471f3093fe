/**
 * One shape for what a call consumed, read from each provider's own usage object
 * (the AI SDK's `usage.raw`), because providers count differently:
 * - xAI: cached tokens are inside prompt_tokens; reasoning tokens are NOT inside
 *   completion_tokens, so billed output = completion + reasoning.
 * - OpenAI-compatible (SEA-LION, Ollama): reasoning, when reported, is inside
 *   completion_tokens; Ollama may report 0 prompt tokens for a KV-cached prompt.
 * - Anthropic: input_tokens, cache_creation_input_tokens, cache_read_input_tokens
 *   and output_tokens are disjoint; output includes thinking.
 */
import type { Provider } from '../core/assistant-settings.js';

export interface TokenUsage {
  /** Every prompt token, cached ones included. */
  inputTokens: number;
  /** Prompt tokens served from the provider's cache (cache reads). */
  cachedInputTokens: number;
  /** Prompt tokens written to the cache (Anthropic), inside inputTokens. */
  cacheWriteTokens: number;
  /** Billed output tokens, reasoning included. */
  outputTokens: number;
  /** Reasoning ("thinking") tokens, inside outputTokens. */
  reasoningTokens: number;
}

type Raw = Record<string, unknown>;

export function readTokenUsage(provider: Provider, raw: unknown): TokenUsage {
  const usage = (raw ?? {}) as Raw;
  if (provider === 'anthropic') {
    const uncached = count(usage.input_tokens);
    const cacheWrite = count(usage.cache_creation_input_tokens);
    const cacheRead = count(usage.cache_read_input_tokens);
    return {
      inputTokens: uncached + cacheWrite + cacheRead,
      cachedInputTokens: cacheRead,
      cacheWriteTokens: cacheWrite,
      outputTokens: count(usage.output_tokens),
      reasoningTokens: 0,
    };
  }
  const prompt = count(usage.prompt_tokens);
  const completion = count(usage.completion_tokens);
  const cached = Math.min(count((usage.prompt_tokens_details as Raw | undefined)?.cached_tokens), prompt);
  const reasoning = count((usage.completion_tokens_details as Raw | undefined)?.reasoning_tokens);
  const reasoningOutside = provider === 'grok';
  return {
    inputTokens: prompt,
    cachedInputTokens: cached,
    cacheWriteTokens: 0,
    outputTokens: reasoningOutside ? completion + reasoning : completion,
    reasoningTokens: reasoning,
  };
}

function count(value: unknown): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}
