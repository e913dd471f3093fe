/**
 * Runs one AI turn down a chain of models: each link gets its own deadline; an
 * error, a timeout, a 429 or an unusable answer moves on to the next link; every
 * attempt, failed ones included, is one ai_usage row. The rules link ends the
 * chain: reaching it means the caller uses the offline engine.
 *
 * A paid link first reserves its worst case against the workspace's budgets; a
 * call that does not fit is not made (an ai_usage row says skipped_budget) and,
 * as ari_config says, the chain goes on to the links that still fit (free ones
 * always do) or the conversation goes to a human.
 */
import { APICallError, NoObjectGeneratedError, type LanguageModel, type LanguageModelUsage } from 'ai';
import type { ModelChain, ModelLink } from '../core/assistant-settings.js';
import type { AiOutcome, AiType } from '../core/vocabulary.js';
import type { ServiceContext } from '../context/service-context.js';
import { reserveBudget, type Reservation } from '../budgets/reserve-budget.js';
import { settleBudget } from '../budgets/settle-budget.js';
import { isFree, worstCaseCostUsd } from '../budgets/worst-case-cost.js';
import { languageModelFor } from './language-model.js';
import { findPrice } from '../prices/price-table.js';
import { providerCooldown } from './provider-cooldown.js';
import { recordAiUsage } from './record-ai-usage.js';

export interface ModelAnswer<T> {
  value: T;
  usage: LanguageModelUsage;
}

/** Thrown by a call whose answer could not be used (empty, not valid JSON, failed the schema). */
export class InvalidOutputError extends Error {
  override name = 'InvalidOutputError';
  constructor(
    message: string,
    readonly usage: LanguageModelUsage | null = null,
  ) {
    super(message);
  }
}

export interface ChainRun<T> {
  chain: ModelChain;
  aiType: AiType;
  workspaceId: string;
  conversationId: string | null;
  call(model: LanguageModel, signal: AbortSignal, link: ModelLink): Promise<ModelAnswer<T>>;
  /** Ask the same link once more after an unusable answer (the Brain's structured output). */
  retryInvalidOnce?: boolean;
  /** For the budget's worst case: the prompt's estimated tokens and the call's output cap. */
  estimatedInputTokens: number;
  maxOutputTokens: number;
}

export type ChainResult<T> =
  | { kind: 'answered'; value: T; link: ModelLink }
  /** No model answered: the rules engine speaks or judges. */
  | { kind: 'rules' }
  /** The budget refused a paid call and ari_config says a human takes over. */
  | { kind: 'handoff' };

export async function runModelChain<T>(ctx: ServiceContext, run: ChainRun<T>): Promise<ChainResult<T>> {
  for (const link of run.chain) {
    if (link.provider === 'rules') return { kind: 'rules' };
    const key = `${link.provider}|${link.model}|${baseUrlOf(ctx, link)}`;
    if (providerCooldown.isCooling(key)) continue;
    const attempts = run.retryInvalidOnce ? 2 : 1;
    let refused = false;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const reservation = await reserveFor(ctx, run, link);
      if (reservation.kind === 'refused') {
        await meter(ctx, run, link, { usage: null, latencyMs: 0, outcome: 'skipped_budget' }, null);
        if (reservation.action === 'handoff') return { kind: 'handoff' };
        refused = true;
        break;
      }
      const result = await attemptLink(ctx, run, link, reservation);
      if (result.ok) {
        providerCooldown.recordSuccess(key);
        return { kind: 'answered', value: result.value, link };
      }
      if (result.outcome !== 'invalid_output') break;
    }
    if (!refused) providerCooldown.recordFailure(key);
  }
  return { kind: 'rules' };
}

/** Free links need no reservation; a model without a known price cannot be bounded, so a budget refuses it. */
async function reserveFor(ctx: ServiceContext, run: ChainRun<unknown>, link: ModelLink): Promise<Reservation> {
  const price = findPrice(ctx.prices, link.provider, link.model, new Date());
  if (price && isFree(price)) return { kind: 'unlimited' };
  const amountUsd = price ? worstCaseCostUsd(price, run.estimatedInputTokens, run.maxOutputTokens) : null;
  const reservation = await reserveBudget(ctx, {
    workspaceId: run.workspaceId,
    amountUsd,
    holdForMs: link.timeoutMs * 2 + 60_000,
  });
  if (reservation.kind === 'refused') {
    ctx.logger.info(
      { workspaceId: run.workspaceId, provider: link.provider, model: link.model, period: reservation.period },
      'AI call skipped: it does not fit the budget',
    );
  }
  return reservation;
}

/** One call to one link, metered whatever happens. */
async function attemptLink<T>(
  ctx: ServiceContext,
  run: ChainRun<T>,
  link: ModelLink,
  reservation: Reservation,
): Promise<{ ok: true; value: T } | { ok: false; outcome: AiOutcome }> {
  const started = Date.now();
  let usage: LanguageModelUsage | null = null;
  let outcome: AiOutcome = 'ok';
  try {
    const answer = await run.call(languageModelFor(ctx.config, link), AbortSignal.timeout(link.timeoutMs), link);
    usage = answer.usage;
    return { ok: true, value: answer.value };
  } catch (error) {
    outcome = classify(error);
    usage =
      error instanceof InvalidOutputError
        ? error.usage
        : NoObjectGeneratedError.isInstance(error)
          ? (error.usage ?? null)
          : null;
    ctx.logger.warn(
      { provider: link.provider, model: link.model, outcome, reason: (error as Error).message },
      'AI call failed',
    );
    return { ok: false, outcome };
  } finally {
    await meter(
      ctx,
      run,
      link,
      { usage, latencyMs: Date.now() - started, outcome },
      reservation.kind === 'held' ? reservation.holdId : null,
    );
  }
}

/** The usage row and the release of the call's hold, in one transaction. */
async function meter(
  ctx: ServiceContext,
  run: ChainRun<unknown>,
  link: ModelLink,
  attempt: { usage: LanguageModelUsage | null; latencyMs: number; outcome: AiOutcome },
  holdId: string | null,
): Promise<void> {
  const recorded = await ctx.database.db.transaction(async (tx) => {
    const row = await recordAiUsage(tx, ctx.prices, {
      workspaceId: run.workspaceId,
      conversationId: run.conversationId,
      link,
      aiType: run.aiType,
      ...attempt,
    });
    if (holdId) await settleBudget(ctx, tx, run.workspaceId, holdId);
    return row;
  });
  const { metrics } = ctx;
  const labels = { workspace: run.workspaceId, ai_type: run.aiType, model: link.model };
  metrics.aiCalls.inc({ ...labels, provider: link.provider, outcome: attempt.outcome });
  if (attempt.outcome === 'skipped_budget') return;
  metrics.aiLatency.observe(
    { ai_type: run.aiType, provider: link.provider, model: link.model },
    attempt.latencyMs / 1000,
  );
  const t = recorded.tokens;
  for (const [kind, count] of [
    ['input', t.inputTokens],
    ['cached_input', t.cachedInputTokens],
    ['output', t.outputTokens],
    ['reasoning', t.reasoningTokens],
  ] as const) {
    if (count > 0) metrics.aiTokens.inc({ ...labels, kind }, count);
  }
  metrics.aiCostUsd.inc(labels, Number(recorded.costUsd));
}

function classify(error: unknown): AiOutcome {
  if (error instanceof InvalidOutputError || NoObjectGeneratedError.isInstance(error)) return 'invalid_output';
  const name = (error as Error).name;
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError')) return 'timeout';
  if (APICallError.isInstance(error) && error.statusCode === 429) return 'rate_limited';
  return 'error';
}

function baseUrlOf(ctx: ServiceContext, link: ModelLink): string {
  const { providers } = ctx.config;
  return link.provider === 'ollama'
    ? (providers.ollama.baseUrl ?? '')
    : link.provider === 'rules'
      ? ''
      : providers[link.provider].baseUrl;
}
