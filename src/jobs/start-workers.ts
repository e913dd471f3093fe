/** The workers of `ari serve`: reply, send, notify and reconcile. */
import { deliverTeamNotice, type TeamNotice } from '../handoff/notify-team.js';
import { replyToConversation } from '../conversations/reply-to-conversation.js';
import type { ReplyJobData } from '../conversations/enqueue-reply.js';
import type { SendJobData } from '../outbox/queue-outbound-message.js';
import { sendOutboundMessage } from '../outbox/send-outbound-message.js';
import { reconcileKapsoHistory } from '../reconciliation/reconcile-kapso-history.js';
import type { ServiceContext } from '../service/service-context.js';
import { QUEUES } from './job-queue.js';

/**
 * Several workers per queue: a reply spends most of its time waiting for a model,
 * so conversations must not queue behind each other.
 */
export const REPLY_WORKERS = 16;
export const SEND_WORKERS = 4;

export async function startWorkers(ctx: ServiceContext): Promise<void> {
  const jobs = ctx.jobs;
  if (!jobs) throw new Error('the job queue is not running');
  // A handler that throws is retried by pg-boss (with backoff) until the queue's retry limit.
  for (let i = 0; i < REPLY_WORKERS; i++) {
    await jobs.work<ReplyJobData>(
      QUEUES.reply,
      counted(ctx, QUEUES.reply, async (job) => {
        const outcome = await replyToConversation(ctx, job.data);
        ctx.logger.debug({ conversationId: job.data.conversationId, outcome }, 'reply job');
      }),
    );
  }
  for (let i = 0; i < SEND_WORKERS; i++) {
    await jobs.work<SendJobData>(
      QUEUES.send,
      counted(ctx, QUEUES.send, async (job) => {
        await sendOutboundMessage(ctx, job.data);
      }),
    );
  }
  await jobs.work(
    QUEUES.reconcile,
    counted(ctx, QUEUES.reconcile, async () => {
      await reconcileKapsoHistory(ctx);
    }),
  );
  await jobs.work<TeamNotice>(
    QUEUES.notify,
    counted(ctx, QUEUES.notify, async (job) => {
      await deliverTeamNotice(ctx, job.data);
    }),
  );
}

/** The handler, counted in ari_jobs_total by result. */
function counted<J>(ctx: ServiceContext, queue: string, handler: (job: J) => Promise<void>): (job: J) => Promise<void> {
  return async (job) => {
    try {
      await handler(job);
      ctx.metrics.jobs.inc({ queue, result: 'completed' });
    } catch (error) {
      ctx.metrics.jobs.inc({ queue, result: 'failed' });
      throw error;
    }
  };
}
