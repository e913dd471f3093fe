/**
 * Exact cost arithmetic, no floats: a rate of N USD per million tokens is N×10⁶
 * micro-USD per million tokens, which is exactly N×10⁶ pico-USD (10⁻¹²) per token.
 * Costs are whole pico-dollars (BigInt) and print with 12 decimals, the scale of
 * ai_usage.cost_usd, so sums in SQL equal the rows to the last digit.
 */
import type { PriceEntry, Rates } from './price-table.js';
import type { TokenUsage } from './token-usage.js';

const SCALE = 12;

export function costUsd(usage: TokenUsage, price: PriceEntry): string {
  const rates: Rates =
    price.longContext && usage.inputTokens >= price.longContext.fromPromptTokens
      ? price.longContext.perMillion
      : price.perMillion;
  const uncached = usage.inputTokens - usage.cachedInputTokens - usage.cacheWriteTokens;
  const pico =
    BigInt(Math.max(uncached, 0)) * picoPerToken(rates.input) +
    BigInt(usage.cachedInputTokens) * picoPerToken(rates.cachedInput ?? rates.input) +
    BigInt(usage.cacheWriteTokens) * picoPerToken(rates.cacheWrite ?? rates.input) +
    BigInt(usage.outputTokens) * picoPerToken(rates.output);
  return formatPico(pico);
}

/**
 * A transcription: whole seconds of audio (rounded up, at least the entry's
 * minimum) at the per-minute rate, rounded up to a whole pico-dollar.
 */
export function audioCostUsd(seconds: number, price: PriceEntry): string {
  const perMinute = usdToPico(price.perAudioMinute ?? '0');
  const billed = BigInt(Math.max(Math.ceil(seconds), price.minimumAudioSeconds ?? 0, 0));
  return formatPico((billed * perMinute + 59n) / 60n);
}

/** "0.075" USD per million tokens → 75000 pico-USD per token. Up to 6 decimals are exact. */
export function picoPerToken(perMillion: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(perMillion.trim());
  if (!match) throw new Error(`not a price: "${perMillion}" (USD per million tokens, up to 6 decimals)`);
  return BigInt(match[1]!) * 1_000_000n + BigInt((match[2] ?? '').padEnd(6, '0'));
}

export function formatPico(pico: bigint): string {
  const digits = pico.toString().padStart(SCALE + 1, '0');
  return `${digits.slice(0, -SCALE)}.${digits.slice(-SCALE)}`;
}

/** "12.5" or "0.000001000000" USD → whole pico-USD (up to 12 decimals, exact). */
export function usdToPico(usd: string): bigint {
  const match = /^(\d+)(?:\.(\d{0,12}))?$/.exec(usd.trim());
  if (!match) throw new Error(`not a USD amount: "${usd}"`);
  return BigInt(match[1]!) * 10n ** 12n + BigInt((match[2] ?? '').padEnd(12, '0'));
}
