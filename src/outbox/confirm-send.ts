/**
 * The `confirm-send` job: settles a send whose outcome was unknown (a timeout or a
 * connection reset after the request went out, or a process killed mid-send), once
 * the confirmation window has passed since the attempt started.
 *
 * - The provider's status webhook (matched by our biz_opaque_callback_data) or the
 *   request's own answer settled it meanwhile: nothing to do.
 * - Nothing proves acceptance: the message is sent ONCE more, with the same callback
 *   data and idempotency key, and marked `resent_at` ("sent again" in the console).
 *   Silence is the worse failure for a sales assistant; a possible double is shown.
 * - Already sent again and still unproven: failed ("delivery unknown"), never a third time.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { ariMessages } from '../db/schema.js';
import { QUEUES } from '../jobs/queue-names.js';
import type { ServiceContext } from '../context/service-context.js';
import { applyDeliveryStatus } from './apply-delivery-status.js';
import { awaitSendConfirmation } from './await-send-confirmation.js';
import { DELIVERY_UNKNOWN } from './delivery-unknown.js';
import type { SendJobData } from './queue-outbound-message.js';

export type ConfirmOutcome = 'settled' | 'waiting' | 'resent' | 'failed';

export async function confirmSend(ctx: ServiceContext, job: SendJobData, now = new Date()): Promise<ConfirmOutcome> {
  const { db } = ctx.database;
  const windowMs = ctx.config.sendConfirmWindowMs;
  const [message] = await db
    .select({
      status: ariMessages.status,
      providerMessageId: ariMessages.providerMessageId,
      sendStartedAt: ariMessages.sendStartedAt,
      resentAt: ariMessages.resentAt,
      conversationId: ariMessages.conversationId,
    })
    .from(ariMessages)
    .where(and(eq(ariMessages.id, job.messageId), eq(ariMessages.workspaceId, job.workspaceId)))
    .limit(1);
  if (message?.status !== 'sending') return 'settled';
  const changed = () =>
    ctx.events.publish(job.workspaceId, { type: 'conversation.changed', conversationId: message.conversationId });

  if (message.providerMessageId) {
    // The provider answered with its id: taken, as a "sent" status would say.
    const providerMessageId = message.providerMessageId;
    await db.transaction((tx) =>
      applyDeliveryStatus(tx, job.workspaceId, { providerMessageId, status: 'sent', error: null, callbackData: null }),
    );
    changed();
    return 'settled';
  }
  // The window runs from the current attempt's start: a check scheduled early (at start-up, or
  // while a later attempt is in flight) waits for it rather than racing that attempt.
  const dueAt = new Date((message.sendStartedAt ?? now).getTime() + windowMs);
  if (dueAt > now) {
    await awaitSendConfirmation(ctx, job, dueAt);
    return 'waiting';
  }

  if (message.resentAt) {
    await db
      .update(ariMessages)
      .set({
        status: 'failed',
        error: `${DELIVERY_UNKNOWN}: sent again, and again no answer and no status from the provider within ${seconds(windowMs)}; not sent a third time`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(ariMessages.id, job.messageId), inArray(ariMessages.status, ['sending'])));
    changed();
    ctx.logger.warn({ messageId: job.messageId }, 'send unconfirmed after sending again: marked failed');
    return 'failed';
  }

  const resend: SendJobData = { ...job, attempt: job.attempt + 1 };
  const resent = await db.transaction(async (tx) => {
    const rows = await tx
      .update(ariMessages)
      .set({
        status: 'pending',
        resentAt: sql`now()`,
        error: `no answer and no status from the provider within ${seconds(windowMs)}: sent again`,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(ariMessages.id, job.messageId),
          eq(ariMessages.status, 'sending'),
          isNull(ariMessages.providerMessageId),
          isNull(ariMessages.resentAt),
        ),
      )
      .returning({ id: ariMessages.id });
    if (rows.length === 0) return false;
    await ctx.jobs.send(QUEUES.send, resend, {}, tx);
    return true;
  });
  if (!resent) return 'settled';
  ctx.jobs.wake(QUEUES.send);
  changed();
  ctx.logger.warn(
    { messageId: job.messageId, windowMs },
    'send unconfirmed: no status webhook within the window, sending once more',
  );
  return 'resent';
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
