/**
 * What a call can cost at most, reserved before it is made: the estimated prompt
 * at the input rate plus every output token it may write at the output rate.
 * Cached input is not assumed; the long-context rates apply when the estimate
 * reaches them.
 */
import { formatPico, picoPerToken, usdToPico } from '../prices/compute-cost.js';
import type { PriceEntry } from '../prices/price-table.js';

/** A generous tokens-from-text estimate: 3 characters per token (Indonesian and English run nearer 4), plus framing per message. */
export function estimateInputTokens(texts: string[]): number {
  return texts.reduce((sum, text) => sum + Math.ceil(text.length / 3) + 8, 16);
}

export function worstCaseCostUsd(price: PriceEntry, estimatedInputTokens: number, maxOutputTokens: number): string {
  const rates =
    price.longContext && estimatedInputTokens >= price.longContext.fromPromptTokens
      ? price.longContext.perMillion
      : price.perMillion;
  const input = [rates.input, rates.cacheWrite ?? rates.input]
    .map(picoPerToken)
    // biome-ignore lint/complexity/useMathMinMax: these are bigints, which Math.max does not take
    .reduce((a, b) => (a > b ? a : b));
  return formatPico(BigInt(estimatedInputTokens) * input + BigInt(maxOutputTokens) * picoPerToken(rates.output));
}

export function isFree(price: PriceEntry): boolean {
  const rates = [price.perMillion, price.longContext?.perMillion].filter((r) => r !== undefined);
  return (
    rates.every((r) =>
      [r.input, r.cachedInput, r.cacheWrite, r.output].every((v) => v === undefined || picoPerToken(v) === 0n),
    ) &&
    (price.perAudioMinute === undefined || usdToPico(price.perAudioMinute) === 0n)
  );
}
