/**
 * The numbers every usage report line carries, summed in SQL from the usage
 * rollups (exact decimals; tokens as bigint, read back as numbers).
 */
import { sql, type SQL } from 'drizzle-orm';

export interface UsageFigures {
  /** Calls made (attempts, failed ones included; calls the budget skipped are not). */
  calls: number;
  failedCalls: number;
  skippedByBudget: number;
  unpricedCalls: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  costUsd: string;
}

export interface FiguresRow {
  calls: string;
  failed_calls: string;
  skipped_by_budget: string;
  unpriced_calls: string;
  input_tokens: string;
  cached_input_tokens: string;
  output_tokens: string;
  reasoning_tokens: string;
  cost_usd: string;
}

/** SELECT list over ai_usage_rollup aliased `r`. */
export const ROLLUP_FIGURES: SQL = sql.raw(`
  coalesce(sum(r.calls) filter (where r.outcome <> 'skipped_budget'), 0)::text as calls,
  coalesce(sum(r.calls) filter (where r.outcome not in ('ok', 'skipped_budget')), 0)::text as failed_calls,
  coalesce(sum(r.calls) filter (where r.outcome = 'skipped_budget'), 0)::text as skipped_by_budget,
  coalesce(sum(r.calls) filter (where r.unpriced and r.outcome <> 'skipped_budget'), 0)::text as unpriced_calls,
  coalesce(sum(r.input_tokens), 0)::text as input_tokens,
  coalesce(sum(r.cached_input_tokens), 0)::text as cached_input_tokens,
  coalesce(sum(r.output_tokens), 0)::text as output_tokens,
  coalesce(sum(r.reasoning_tokens), 0)::text as reasoning_tokens,
  coalesce(sum(r.cost_usd), 0)::numeric(24, 12)::text as cost_usd`);

export function readFigures(row: FiguresRow): UsageFigures {
  return {
    calls: Number(row.calls),
    failedCalls: Number(row.failed_calls),
    skippedByBudget: Number(row.skipped_by_budget),
    unpricedCalls: Number(row.unpriced_calls),
    inputTokens: Number(row.input_tokens),
    cachedInputTokens: Number(row.cached_input_tokens),
    outputTokens: Number(row.output_tokens),
    reasoningTokens: Number(row.reasoning_tokens),
    costUsd: row.cost_usd,
  };
}
