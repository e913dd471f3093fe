import { describe, expect, it } from 'vitest';
import { costUsd, formatPico, picoPerToken } from './compute-cost.js';
import { BUILT_IN_PRICES, findPrice } from './price-table.js';
import { readTokenUsage } from './token-usage.js';

const at = new Date('2026-11-26T00:00:00Z');
const price = (provider: Parameters<typeof findPrice>[1], model: string) =>
  findPrice(BUILT_IN_PRICES, provider, model, at)!;

describe('token usage and cost, per provider shape', () => {
  it('xAI: cached tokens inside the prompt, reasoning outside the completion — each counted once', () => {
    const usage = readTokenUsage('grok', {
      prompt_tokens: 1000,
      completion_tokens: 50,
      total_tokens: 1150,
      prompt_tokens_details: { cached_tokens: 200 },
      completion_tokens_details: { reasoning_tokens: 100 },
    });
    expect(usage).toEqual({
      inputTokens: 1000,
      cachedInputTokens: 200,
      cacheWriteTokens: 0,
      outputTokens: 150,
      reasoningTokens: 100,
    });
    const entry = price('grok', 'grok-4-1-fast-reasoning');
    expect(entry.id).toBe('xai/grok-4-1-fast@2025-11-19');
    // 800 × 0.20 + 200 × 0.05 + 150 × 0.50 per million = 0.000160 + 0.000010 + 0.000075
    expect(costUsd(usage, entry)).toBe('0.000245000000');
  });

  it('xAI long context: the whole request at the higher rate from 128k prompt tokens', () => {
    const usage = readTokenUsage('grok', { prompt_tokens: 128_000, completion_tokens: 1000 });
    expect(costUsd(usage, price('grok', 'grok-4-1-fast-non-reasoning'))).toBe('0.052200000000'); // 128000×0.40 + 1000×1.00
  });

  it('Anthropic: disjoint categories with cache reads and writes', () => {
    const usage = readTokenUsage('anthropic', {
      input_tokens: 300,
      cache_creation_input_tokens: 1000,
      cache_read_input_tokens: 2000,
      output_tokens: 400,
    });
    expect(usage).toEqual({
      inputTokens: 3300,
      cachedInputTokens: 2000,
      cacheWriteTokens: 1000,
      outputTokens: 400,
      reasoningTokens: 0,
    });
    // 300 × 1.00 + 1000 × 1.25 + 2000 × 0.10 + 400 × 5.00 per million
    expect(costUsd(usage, price('anthropic', 'claude-haiku-4-5-20251001'))).toBe('0.003750000000');
  });

  it('OpenAI-compatible without details, and Ollama at zero', () => {
    const usage = readTokenUsage('sealion', { prompt_tokens: 420, completion_tokens: 37 });
    expect(usage).toEqual({
      inputTokens: 420,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 37,
      reasoningTokens: 0,
    });
    expect(costUsd(usage, price('sealion', 'aisingapore/Gemma-SEA-LION-v4-27B-IT'))).toBe('0.000000000000');
    const ollama = readTokenUsage('ollama', { prompt_tokens: 0, completion_tokens: 12 });
    expect(costUsd(ollama, price('ollama', 'sealion-27b'))).toBe('0.000000000000');
  });

  it('knows no price for an unknown model, and prices by the entry in force at the time', () => {
    expect(findPrice(BUILT_IN_PRICES, 'anthropic', 'claude-opus-9', at)).toBeNull();
    expect(findPrice(BUILT_IN_PRICES, 'grok', 'grok-4-1-fast-reasoning', new Date('2025-01-01'))).toBeNull();
    const later = [
      ...BUILT_IN_PRICES,
      {
        ...price('grok', 'grok-3'),
        id: 'xai/grok-3@2026-12-01',
        effectiveFrom: '2026-12-01',
        perMillion: { input: '1.00', output: '2.00' },
      },
    ];
    expect(findPrice(later, 'grok', 'grok-3', at)!.id).toBe('xai/grok-3@2025-04-01');
    expect(findPrice(later, 'grok', 'grok-3', new Date('2026-12-02'))!.id).toBe('xai/grok-3@2026-12-01');
  });

  it('does exact decimal arithmetic', () => {
    expect(picoPerToken('0.075')).toBe(75_000n);
    expect(picoPerToken('15')).toBe(15_000_000n);
    expect(() => picoPerToken('0.0000001')).toThrow('not a price');
    expect(formatPico(1n)).toBe('0.000000000001');
    // 3 tokens at 0.10/M, ten million times: exactly 3 USD, where floats drift.
    expect(formatPico(picoPerToken('0.10') * 3n * 10_000_000n)).toBe('3.000000000000');
  });
});
