/**
 * Hears one voice note that came without a transcript: fetches the audio with the
 * channel's credentials, reserves its worst-case cost (from its duration) against
 * the workspace's budgets, transcribes it, and in one transaction meters the
 * attempt (an ai_usage row, ai_type transcribe, priced per audio minute) and
 * stores the transcript as the message's text, the media ref kept. A failed or
 * refused attempt is marked on the message, so a retried job never pays twice.
 */
import { eq, sql } from 'drizzle-orm';
import { APICallError } from 'ai';
import { audioDurationSeconds } from '../ai/audio-duration.js';
import { audioCostUsd } from '../prices/compute-cost.js';
import { DEFAULT_TIMEOUT_MS } from '../assistant-config/default-chains.js';
import { findPrice } from '../prices/price-table.js';
import { transcribeAudio, transcriptionProvider } from '../ai/transcribe-audio.js';
import { reserveBudget, type Reservation } from '../budgets/reserve-budget.js';
import { settleBudget } from '../budgets/settle-budget.js';
import { isFree } from '../budgets/worst-case-cost.js';
import { downloadMedia } from '../channels/download-media.js';
import type { MediaRef } from '../core/media-ref.js';
import type { AiOutcome, Channel } from '../core/vocabulary.js';
import { aiUsage, ariMessages } from '../db/schema.js';
import type { ServiceContext } from '../context/service-context.js';

export type VoiceNoteResult = { kind: 'transcribed'; text: string } | { kind: 'unheard'; reason: string };

export async function transcribeVoiceNote(
  ctx: ServiceContext,
  args: {
    workspace: { id: string; kapsoPhoneId: string | null; kapsoApiKeyCiphertext: string | null };
    conversation: { id: string; channel: Channel };
    message: { id: string; media: MediaRef };
  },
): Promise<VoiceNoteResult> {
  const { transcriber } = ctx.config;
  if (!transcriber) return { kind: 'unheard', reason: 'no transcriber configured' };
  const { workspace, conversation, message } = args;
  const log = { workspaceId: workspace.id, conversationId: conversation.id, messageId: message.id };

  let audio: Uint8Array;
  try {
    if (!workspace.kapsoPhoneId) throw new Error('the workspace has no phone number id');
    audio = await downloadMedia(ctx.config, {
      channel: conversation.channel,
      workspace,
      phoneNumberId: workspace.kapsoPhoneId,
      media: message.media,
    });
  } catch (error) {
    ctx.logger.warn({ ...log, reason: (error as Error).message }, 'voice note download failed');
    await markUnheard(ctx, message.id, 'download failed');
    return { kind: 'unheard', reason: 'download failed' };
  }

  const provider = transcriptionProvider(transcriber.baseUrl);
  const model = transcriber.model;
  const price = findPrice(ctx.prices, provider, model, new Date());
  const estimate = audioDurationSeconds(audio);
  // An exact length can still be rounded differently by the provider: a second of slack.
  const worstSeconds = estimate.exact ? Math.ceil(estimate.seconds) + 1 : estimate.seconds;
  const timeoutMs = DEFAULT_TIMEOUT_MS.transcribe;
  const reservation: Reservation =
    price && isFree(price)
      ? { kind: 'unlimited' }
      : await reserveBudget(ctx, {
          workspaceId: workspace.id,
          amountUsd: price ? audioCostUsd(worstSeconds, price) : null,
          holdForMs: timeoutMs * 2 + 60_000,
        });
  const meter = async (attempt: {
    outcome: AiOutcome;
    latencyMs: number;
    seconds: number | null;
    transcript: string | null;
  }) => {
    const cost = price && attempt.seconds !== null ? audioCostUsd(attempt.seconds, price) : '0.000000000000';
    await ctx.database.db.transaction(async (tx) => {
      await tx.insert(aiUsage).values({
        workspaceId: workspace.id,
        conversationId: conversation.id,
        provider,
        model,
        aiType: 'transcribe',
        costUsd: cost,
        priceEntry: price?.id ?? null,
        unpriced: price === null,
        latencyMs: attempt.latencyMs,
        outcome: attempt.outcome,
      });
      if (reservation.kind === 'held') await settleBudget(ctx, tx, workspace.id, reservation.holdId);
      await tx
        .update(ariMessages)
        .set(
          attempt.transcript === null
            ? { metadata: sql`${ariMessages.metadata} || ${JSON.stringify({ transcription: attempt.outcome })}::jsonb` }
            : {
                content: attempt.transcript,
                media: { ...message.media, transcript: attempt.transcript },
                metadata: sql`${ariMessages.metadata} || ${JSON.stringify({ transcription: 'ok', transcribedBy: model })}::jsonb`,
                updatedAt: sql`now()`,
              },
        )
        .where(eq(ariMessages.id, message.id));
    });
    const labels = { workspace: workspace.id, ai_type: 'transcribe', model };
    ctx.metrics.aiCalls.inc({ ...labels, provider, outcome: attempt.outcome });
    if (attempt.outcome === 'skipped_budget') return;
    ctx.metrics.aiLatency.observe({ ai_type: 'transcribe', provider, model }, attempt.latencyMs / 1000);
    ctx.metrics.aiCostUsd.inc(labels, Number(cost));
  };

  if (reservation.kind === 'refused') {
    ctx.logger.info({ ...log, period: reservation.period }, 'transcription skipped: it does not fit the budget');
    await meter({ outcome: 'skipped_budget', latencyMs: 0, seconds: null, transcript: null });
    return { kind: 'unheard', reason: 'budget' };
  }
  const started = Date.now();
  try {
    const result = await transcribeAudio(transcriber, audio, AbortSignal.timeout(timeoutMs));
    const seconds = result.durationSeconds ?? estimate.seconds;
    if (!result.text) {
      await meter({ outcome: 'invalid_output', latencyMs: Date.now() - started, seconds, transcript: null });
      return { kind: 'unheard', reason: 'empty transcript' };
    }
    await meter({ outcome: 'ok', latencyMs: Date.now() - started, seconds, transcript: result.text });
    return { kind: 'transcribed', text: result.text };
  } catch (error) {
    const outcome = classify(error);
    ctx.logger.warn({ ...log, provider, model, outcome, reason: (error as Error).message }, 'transcription failed');
    // A failed call may still have been billed; without a duration from the provider nothing is charged here.
    await meter({ outcome, latencyMs: Date.now() - started, seconds: null, transcript: null });
    return { kind: 'unheard', reason: outcome };
  }
}

async function markUnheard(ctx: ServiceContext, messageId: string, reason: string): Promise<void> {
  await ctx.database.db
    .update(ariMessages)
    .set({ metadata: sql`${ariMessages.metadata} || ${JSON.stringify({ transcription: reason })}::jsonb` })
    .where(eq(ariMessages.id, messageId));
}

function classify(error: unknown): AiOutcome {
  const name = (error as Error).name;
  const cause = (error as { cause?: unknown }).cause;
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  if (cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError')) return 'timeout';
  if (APICallError.isInstance(error) && error.statusCode === 429) return 'rate_limited';
  return 'error';
}
