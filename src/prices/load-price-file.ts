/**
 * ARI_PRICES_FILE: an operator's own price entries (JSON array, same shape as the
 * built-in table), so a new model or a price change needs no release. An entry
 * with a built-in id replaces it; others are added, and the usual rule picks the
 * entry for a call (exact model before prefix, latest effective date). Rows already
 * recorded keep the cost and entry they were priced with.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { PROVIDERS } from '../core/assistant-settings.js';
import { UserError } from '../core/user-error.js';
import { BUILT_IN_PRICES, TRANSCRIPTION_PROVIDERS, type PriceEntry } from './price-table.js';

const rate = z
  .string()
  .regex(/^\d+(\.\d{1,6})?$/, 'a rate is a decimal string, USD per million tokens, up to 6 decimals, e.g. "0.20"');
const rates = z.strictObject({ input: rate, cachedInput: rate.optional(), cacheWrite: rate.optional(), output: rate });

const priceEntrySchema = z.strictObject({
  id: z.string().trim().min(1).max(200),
  provider: z.enum([...PROVIDERS, ...TRANSCRIPTION_PROVIDERS]),
  model: z.string().trim().min(1).max(200),
  effectiveFrom: z.iso.date(),
  source: z.string().trim().min(1).max(500),
  perMillion: rates,
  longContext: z.strictObject({ fromPromptTokens: z.number().int().positive(), perMillion: rates }).optional(),
  perAudioMinute: z
    .string()
    .regex(/^\d+(\.\d{1,6})?$/, 'USD per minute of audio, a decimal string up to 6 decimals, e.g. "0.006"')
    .optional(),
  minimumAudioSeconds: z.number().int().min(0).max(3600).optional(),
  note: z.string().max(500).optional(),
});

const priceFileSchema = z.array(priceEntrySchema).superRefine((entries, ctx) => {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.id))
      ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate id "${entry.id}"` });
    seen.add(entry.id);
  });
});

/** The built-in table with the file's entries applied; throws a UserError naming the bad entry. */
export function loadPrices(file: string | undefined): PriceEntry[] {
  if (!file) return BUILT_IN_PRICES;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(`ARI_PRICES_FILE ${file}: ${(error as Error).message}`);
  }
  const parsed = priceFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`ARI_PRICES_FILE ${file}: entry ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const overrides = new Map(parsed.data.map((entry) => [entry.id, entry as PriceEntry]));
  const merged = BUILT_IN_PRICES.map((entry) => overrides.get(entry.id) ?? entry);
  const builtInIds = new Set(BUILT_IN_PRICES.map((entry) => entry.id));
  return [...merged, ...parsed.data.filter((entry) => !builtInIds.has(entry.id))] as PriceEntry[];
}
