/**
 * Runs one AI turn down a chain of models: each link gets its own deadline; an
 * error, a timeout, a 429 or an unusable answer moves on to the next link; every
 * attempt, failed ones included, is one ai_usage row. The rules link ends the
 * chain: reaching it returns null and the caller uses the offline engine.
 */
import { APICallError, type LanguageModel, type LanguageModelUsage } from 'ai';
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
}

export async function runModelChain<T>(ctx: ServiceContext, run: ChainRun<T>): Promise<{ value: T; link: ModelLink } | null> {
  for (const link of run.chain) {
    if (link.provider === 'rules') return null;
    const key = `${link.provider}|${link.model}|${baseUrlOf(ctx, link)}`;
    if (providerCooldown.isCooling(key)) continue;
    const started = Date.now();
    let usage: LanguageModelUsage | null = null;
    let outcome: AiOutcome = 'ok';
    try {
      const answer = await run.call(languageModelFor(ctx.config, link), AbortSignal.timeout(link.timeout_ms), link);
      usage = answer.usage;
      providerCooldown.recordSuccess(key);
      return { value: answer.value, link };
    } catch (error) {
      outcome = classify(error);
      usage = error instanceof InvalidOutputError ? error.usage : null;
      providerCooldown.recordFailure(key);
      ctx.logger.warn({ provider: link.provider, model: link.model, outcome, reason: (error as Error).message }, 'AI call failed, next link');
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
  return null;
}

function classify(error: unknown): AiOutcome {
  if (error instanceof InvalidOutputError) return 'invalid_output';
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
