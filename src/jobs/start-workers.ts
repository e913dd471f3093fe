/** The workers of `ari serve`: reply, send and notify. */
import { deliverHandoffNotice, type HandoffNotice } from '../handoff/notify-team.js';
import { replyToConversation } from '../conversations/reply-to-conversation.js';
import type { ReplyJobData } from '../conversations/enqueue-reply.js';
import type { SendJobData } from '../outbox/queue-outbound-message.js';
import { sendOutboundMessage } from '../outbox/send-outbound-message.js';
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
    await jobs.work<ReplyJobData>(QUEUES.reply, async (job) => {
      const outcome = await replyToConversation(ctx, job.data);
      ctx.logger.debug({ conversationId: job.data.conversationId, outcome }, 'reply job');
    });
  }
  for (let i = 0; i < SEND_WORKERS; i++) {
    await jobs.work<SendJobData>(QUEUES.send, async (job) => {
      await sendOutboundMessage(ctx, job.data);
    });
  }
  await jobs.work<HandoffNotice>(QUEUES.notify, async (job) => {
    await deliverHandoffNotice(ctx, job.data);
  });
}
