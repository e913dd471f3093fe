/**
 * Runs one AI turn down a chain of models: each link gets its own deadline; an
 * error, a timeout, a 429 or an unusable answer moves on to the next link; every
 * attempt, failed ones included, is one ai_usage row. The rules link ends the
 * chain: reaching it returns null and the caller uses the offline engine.
 */
import { APICallError, NoObjectGeneratedError, type LanguageModel, type LanguageModelUsage } from 'ai';
import type { ModelChain, ModelLink } from '../core/assistant-settings.js';
import type { AiOutcome, AiType } from '../core/vocabulary.js';
import type { ServiceContext } from '../service/service-context.js';
import { languageModelFor } from './language-model.js';
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
}

export async function runModelChain<T>(ctx: ServiceContext, run: ChainRun<T>): Promise<{ value: T; link: ModelLink } | null> {
  for (const link of run.chain) {
    if (link.provider === 'rules') return null;
    const key = `${link.provider}|${link.model}|${baseUrlOf(ctx, link)}`;
    if (providerCooldown.isCooling(key)) continue;
    const attempts = run.retryInvalidOnce ? 2 : 1;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const result = await attemptLink(ctx, run, link);
      if (result.ok) {
        providerCooldown.recordSuccess(key);
        return { value: result.value, link };
      }
      if (result.outcome !== 'invalid_output') break;
    }
    providerCooldown.recordFailure(key);
  }
  return null;
}

/** One call to one link, metered whatever happens. */
async function attemptLink<T>(
  ctx: ServiceContext,
  run: ChainRun<T>,
  link: ModelLink,
): Promise<{ ok: true; value: T } | { ok: false; outcome: AiOutcome }> {
  const started = Date.now();
  let usage: LanguageModelUsage | null = null;
  let outcome: AiOutcome = 'ok';
  try {
    const answer = await run.call(languageModelFor(ctx.config, link), AbortSignal.timeout(link.timeout_ms), link);
    usage = answer.usage;
    return { ok: true, value: answer.value };
  } catch (error) {
    outcome = classify(error);
    usage = error instanceof InvalidOutputError ? error.usage : NoObjectGeneratedError.isInstance(error) ? (error.usage ?? null) : null;
    ctx.logger.warn({ provider: link.provider, model: link.model, outcome, reason: (error as Error).message }, 'AI call failed');
    return { ok: false, outcome };
  } finally {
    await recordAiUsage(ctx.database.db, {
      workspaceId: run.workspaceId,
      conversationId: run.conversationId,
      link,
      aiType: run.aiType,
      usage,
      latencyMs: Date.now() - started,
      outcome,
    });
  }
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
  return link.provider === 'ollama' ? (providers.ollama.baseUrl ?? '') : link.provider === 'rules' ? '' : providers[link.provider].baseUrl;
}
