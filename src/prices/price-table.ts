/**
 * Model prices, USD per million tokens, each with the date it took effect and
 * where it came from (reference/llm-providers.md, November 2026). A call is priced
 * by the entry in force at its time; the entry's id is kept with the usage row, so
 * a later price change never rewrites history. Operators add or override entries
 * without a code change (ARI_PRICES_FILE, the cost issue).
 */
import type { Provider } from '../core/assistant-settings.js';

export interface Rates {
  input: string;
  /** Cache reads; the input rate when absent. */
  cachedInput?: string;
  /** Cache writes (Anthropic); the input rate when absent. */
  cacheWrite?: string;
  output: string;
}

/**
 * Speech-to-text endpoints (voice notes), named by the transcriber's host: Groq,
 * OpenAI, or any other (self-hosted) Whisper server.
 */
export const TRANSCRIPTION_PROVIDERS = ['groq', 'openai', 'whisper'] as const;
export type TranscriptionProvider = (typeof TRANSCRIPTION_PROVIDERS)[number];
export type PriceProvider = Provider | TranscriptionProvider;

export interface PriceEntry {
  id: string;
  provider: PriceProvider;
  /** A model id, or a prefix ending in "*" (grok-4-1-fast-*). */
  model: string;
  effectiveFrom: string;
  source: string;
  perMillion: Rates;
  /** Whole-request rates once the prompt reaches this many tokens. */
  longContext?: { fromPromptTokens: number; perMillion: Rates };
  /** Speech-to-text: USD per minute of audio, billed by the second (its token rates are 0). */
  perAudioMinute?: string;
  /** Seconds billed at least, per request (Groq bills 10). */
  minimumAudioSeconds?: number;
  /** Said aloud when a price is an assumption rather than a published list price. */
  note?: string;
}

export const BUILT_IN_PRICES: PriceEntry[] = [
  {
    id: 'xai/grok-4.20-0309@2026-03-09',
    provider: 'grok',
    model: 'grok-4.20-0309*',
    effectiveFrom: '2026-03-09',
    source: 'xAI pricing page',
    perMillion: { input: '1.25', cachedInput: '0.20', output: '2.50' },
    longContext: { fromPromptTokens: 200_000, perMillion: { input: '2.50', cachedInput: '0.40', output: '5.00' } },
  },
  {
    id: 'xai/grok-4-1-fast@2025-11-19',
    provider: 'grok',
    model: 'grok-4-1-fast-*',
    effectiveFrom: '2025-11-19',
    source: 'third-party catalog',
    perMillion: { input: '0.20', cachedInput: '0.05', output: '0.50' },
    longContext: { fromPromptTokens: 128_000, perMillion: { input: '0.40', cachedInput: '0.05', output: '1.00' } },
  },
  {
    id: 'xai/grok-4-fast@2025-09-19',
    provider: 'grok',
    model: 'grok-4-fast-*',
    effectiveFrom: '2025-09-19',
    source: 'third-party catalog',
    perMillion: { input: '0.20', cachedInput: '0.05', output: '0.50' },
    longContext: { fromPromptTokens: 128_000, perMillion: { input: '0.40', cachedInput: '0.05', output: '1.00' } },
  },
  {
    id: 'xai/grok-4@2025-07-09',
    provider: 'grok',
    model: 'grok-4*',
    effectiveFrom: '2025-07-09',
    source: 'third-party catalog',
    perMillion: { input: '3.00', cachedInput: '0.75', output: '15.00' },
  },
  {
    id: 'xai/grok-3-mini@2025-04-01',
    provider: 'grok',
    model: 'grok-3-mini*',
    effectiveFrom: '2025-04-01',
    source: 'third-party catalog',
    perMillion: { input: '0.30', cachedInput: '0.075', output: '0.50' },
  },
  {
    id: 'xai/grok-3@2025-04-01',
    provider: 'grok',
    model: 'grok-3',
    effectiveFrom: '2025-04-01',
    source: 'third-party catalog',
    perMillion: { input: '3.00', cachedInput: '0.75', output: '15.00' },
  },
  {
    id: 'xai/grok-code-fast-1@2025-08-28',
    provider: 'grok',
    model: 'grok-code-fast-1',
    effectiveFrom: '2025-08-28',
    source: 'third-party catalog',
    perMillion: { input: '0.20', cachedInput: '0.02', output: '1.50' },
  },
  {
    id: 'sealion/*@2025-01-01',
    provider: 'sealion',
    model: '*',
    effectiveFrom: '2025-01-01',
    source: 'no public price list',
    perMillion: { input: '0', output: '0' },
    note: 'assumed free (trial API); a paid host charges about 0.35 in / 0.56 out',
  },
  {
    id: 'ollama/*@2025-01-01',
    provider: 'ollama',
    model: '*',
    effectiveFrom: '2025-01-01',
    source: 'self-hosted',
    perMillion: { input: '0', output: '0' },
    note: 'marginal cost 0',
  },
  {
    id: 'rules/*@2025-01-01',
    provider: 'rules',
    model: '*',
    effectiveFrom: '2025-01-01',
    source: 'ARI',
    perMillion: { input: '0', output: '0' },
  },
  {
    id: 'anthropic/claude-haiku-4-5@2025-10-15',
    provider: 'anthropic',
    model: 'claude-haiku-4-5*',
    effectiveFrom: '2025-10-15',
    source: 'Anthropic pricing page',
    perMillion: { input: '1.00', cacheWrite: '1.25', cachedInput: '0.10', output: '5.00' },
  },
  {
    id: 'anthropic/claude-sonnet-4-5@2025-09-29',
    provider: 'anthropic',
    model: 'claude-sonnet-4-5*',
    effectiveFrom: '2025-09-29',
    source: 'Anthropic pricing page',
    perMillion: { input: '3.00', cacheWrite: '3.75', cachedInput: '0.30', output: '15.00' },
  },
  {
    id: 'groq/whisper-large-v3@2025-01-01',
    provider: 'groq',
    model: 'whisper-large-v3',
    effectiveFrom: '2025-01-01',
    source: 'Groq pricing page (USD 0.111 per audio hour)',
    perMillion: { input: '0', output: '0' },
    perAudioMinute: '0.00185',
    minimumAudioSeconds: 10,
  },
  {
    id: 'openai/whisper-1@2023-03-01',
    provider: 'openai',
    model: 'whisper-1',
    effectiveFrom: '2023-03-01',
    source: 'OpenAI pricing page',
    perMillion: { input: '0', output: '0' },
    perAudioMinute: '0.006',
  },
  {
    id: 'whisper/*@2025-01-01',
    provider: 'whisper',
    model: '*',
    effectiveFrom: '2025-01-01',
    source: 'self-hosted',
    perMillion: { input: '0', output: '0' },
    perAudioMinute: '0',
    note: 'marginal cost 0',
  },
];

/**
 * The entry pricing `model` of `provider` at time `at`: an exact id beats the longest
 * matching prefix; among those, the latest effective date not after `at`.
 */
export function findPrice(entries: PriceEntry[], provider: PriceProvider, model: string, at: Date): PriceEntry | null {
  const day = at.toISOString().slice(0, 10);
  const candidates = entries
    .filter((e) => e.provider === provider && e.effectiveFrom <= day && matches(e.model, model))
    .sort((a, b) => specificity(b.model) - specificity(a.model) || b.effectiveFrom.localeCompare(a.effectiveFrom));
  return candidates[0] ?? null;
}

function matches(pattern: string, model: string): boolean {
  return pattern.endsWith('*') ? model.startsWith(pattern.slice(0, -1)) : pattern === model;
}

/** Exact ids first, then longer prefixes. */
function specificity(pattern: string): number {
  return pattern.endsWith('*') ? pattern.length - 1 : 10_000;
}
