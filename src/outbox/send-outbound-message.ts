/**
 * The `send` job: delivers one outbox row, never twice blindly, never left silent.
 *
 * - Already sent (or failed for good): nothing to do — a re-run job is harmless.
 * - Still `sending`: a previous attempt died mid-request. Unless a status webhook has
 *   told us its provider id, its outcome is unknown: the confirmation check decides
 *   after the window (confirm-send.ts), never an immediate repeat.
 * - Outside the 24-hour window: refused with the reason, never sent to fail — unless it is an
 *   approved template (stored-template.ts), which WhatsApp takes at any time.
 * - The provider certainly did not take it (429, 409, 5xx with its error body, connection
 *   refused): back to `pending` and re-queued after Retry-After or an exponential
 *   backoff, up to ARI_SEND_MAX_ATTEMPTS; then `failed` with the reason.
 * - Outcome unknown (timeout, connection reset after the request went out): stays
 *   `sending`; the confirmation check runs after ARI_SEND_CONFIRM_WINDOW_MS.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { SendError, type TemplateMessage, UnconfirmedSendError } from '../channels/channel-sender.js';
import { senderForChannel } from './sender-for-channel.js';
import { ariConversations, ariMessages, contacts, workspaces } from '../db/schema.js';
import { QUEUES } from '../jobs/queue-names.js';
import type { ServiceContext } from '../context/service-context.js';
import { isWindowOpen } from '../channels/customer-service-window.js';
import { awaitSendConfirmation } from './await-send-confirmation.js';
import type { SendJobData } from './queue-outbound-message.js';
import { storedTemplate } from './stored-template.js';

export type SendOutcome = 'sent' | 'already_done' | 'retry_scheduled' | 'awaiting_confirmation' | 'failed';

export async function sendOutboundMessage(
  ctx: ServiceContext,
  job: SendJobData,
  now = new Date(),
): Promise<SendOutcome> {
  const { db } = ctx.database;
  const [row] = await db
    .select({
      message: ariMessages,
      conversation: ariConversations,
      phone: contacts.phone,
      bsuid: contacts.bsuid,
      workspace: workspaces,
    })
    .from(ariMessages)
    .innerJoin(ariConversations, eq(ariConversations.id, ariMessages.conversationId))
    .innerJoin(contacts, eq(contacts.id, ariConversations.contactId))
    .innerJoin(workspaces, eq(workspaces.id, ariMessages.workspaceId))
    .where(and(eq(ariMessages.id, job.messageId), eq(ariMessages.workspaceId, job.workspaceId)))
    .limit(1);
  if (!row) return 'already_done'; // deleted with its workspace
  const { conversation, workspace } = row;
  const outcome = await deliver(ctx, job, row, now);
  if (outcome !== 'already_done')
    ctx.events.publish(workspace.id, { type: 'conversation.changed', conversationId: conversation.id });
  return outcome;
}

type MessageRow = {
  message: typeof ariMessages.$inferSelect;
  conversation: typeof ariConversations.$inferSelect;
  phone: string | null;
  bsuid: string | null;
  workspace: typeof workspaces.$inferSelect;
};

async function deliver(ctx: ServiceContext, job: SendJobData, row: MessageRow, now: Date): Promise<SendOutcome> {
  const { db } = ctx.database;
  const { message, conversation, workspace } = row;

  if (message.status === 'sending') {
    if (message.providerMessageId)
      return markSent(ctx, message.id, message.providerMessageId).then(() => 'already_done');
    // A worker died mid-request: whether the provider took it is not known yet.
    const startedAt = message.sendStartedAt ?? now;
    await awaitSendConfirmation(ctx, job, new Date(startedAt.getTime() + ctx.config.sendConfirmWindowMs));
    return 'awaiting_confirmation';
  }
  if (message.status !== 'pending') return 'already_done';

  let template: TemplateMessage | null;
  try {
    template = storedTemplate(message);
  } catch (error) {
    await markFailed(ctx, message.id, (error as Error).message);
    return 'failed';
  }
  // An approved template is what WhatsApp allows outside the window; free text is not.
  if (!template && !isWindowOpen(conversation.lastInboundAt, now)) {
    await markFailed(
      ctx,
      message.id,
      'outside the 24-hour customer service window: WhatsApp only allows approved templates now',
    );
    return 'failed';
  }

  // Claim: only one attempt can move pending → sending.
  const claimed = await db
    .update(ariMessages)
    .set({ status: 'sending', sendStartedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(ariMessages.id, message.id), eq(ariMessages.status, 'pending')))
    .returning({ id: ariMessages.id });
  if (claimed.length === 0) return 'already_done';

  const phoneNumberId = workspace.kapsoPhoneId ?? '';
  try {
    if (conversation.channel !== 'sandbox' && !phoneNumberId)
      throw new SendError('the workspace has no WhatsApp phone-number id', false);
    const sender = senderForChannel(ctx.config, conversation.channel, workspace);
    const to = row.phone ? { phone: row.phone } : { bsuid: row.bsuid ?? '' };
    const { providerMessageId } = template
      ? await sender.sendTemplate({ phoneNumberId, to, template, messageId: message.id })
      : await sender.sendText({ phoneNumberId, to, text: message.content, messageId: message.id });
    await markSent(ctx, message.id, providerMessageId);
    ctx.logger.info({ messageId: message.id, channel: conversation.channel, attempt: job.attempt }, 'message sent');
    return 'sent';
  } catch (error) {
    const failure = error instanceof SendError ? error : new SendError((error as Error).message, false);
    if (failure instanceof UnconfirmedSendError) {
      // Maybe taken: repeating now could deliver it twice. Wait for the status webhook first.
      const dueAt = new Date(Date.now() + ctx.config.sendConfirmWindowMs);
      await db.transaction(async (tx) => {
        await tx
          .update(ariMessages)
          .set({
            error: `attempt ${job.attempt}: ${failure.message}; waiting for the provider's status before sending again`,
            updatedAt: sql`now()`,
          })
          .where(and(eq(ariMessages.id, message.id), eq(ariMessages.status, 'sending')));
        await awaitSendConfirmation(ctx, job, dueAt, tx);
      });
      ctx.jobs.wake(QUEUES.confirmSend, dueAt);
      ctx.logger.warn(
        { messageId: message.id, attempt: job.attempt, reason: failure.message },
        'send outcome unknown: waiting for the status webhook',
      );
      return 'awaiting_confirmation';
    }
    if (failure.retryable && job.attempt < ctx.config.sendMaxAttempts) {
      const delayMs = failure.retryAfterMs ?? Math.min(1000 * 2 ** (job.attempt - 1), 60_000);
      await db.transaction(async (tx) => {
        await tx
          .update(ariMessages)
          .set({ status: 'pending', error: `attempt ${job.attempt} failed: ${failure.message}`, updatedAt: sql`now()` })
          .where(eq(ariMessages.id, message.id));
        await ctx.jobs.send(
          QUEUES.send,
          { ...job, attempt: job.attempt + 1 } satisfies SendJobData,
          { startAfter: new Date(Date.now() + delayMs).toISOString() },
          tx,
        );
      });
      ctx.jobs.wake(QUEUES.send, new Date(Date.now() + delayMs));
      ctx.logger.warn(
        { messageId: message.id, attempt: job.attempt, delayMs, reason: failure.message },
        'send failed, will retry',
      );
      return 'retry_scheduled';
    }
    await markFailed(ctx, message.id, failure.message);
    ctx.logger.warn({ messageId: message.id, attempt: job.attempt, reason: failure.message }, 'send failed for good');
    return 'failed';
  }
}

async function markSent(ctx: ServiceContext, messageId: string, providerMessageId: string): Promise<void> {
  // A status webhook may already have moved it further (delivered/read): keep that.
  await ctx.database.db
    .update(ariMessages)
    .set({
      status: sql`case when ${ariMessages.status} in ('pending', 'sending') then 'sent' else ${ariMessages.status} end`,
      providerMessageId: sql`coalesce(${ariMessages.providerMessageId}, ${providerMessageId})`,
      error: null,
      updatedAt: sql`now()`,
    })
    .where(eq(ariMessages.id, messageId));
}

async function markFailed(ctx: ServiceContext, messageId: string, reason: string): Promise<void> {
  await ctx.database.db
    .update(ariMessages)
    .set({ status: 'failed', error: reason, updatedAt: sql`now()` })
    .where(and(eq(ariMessages.id, messageId), inArray(ariMessages.status, ['pending', 'sending'])));
}
