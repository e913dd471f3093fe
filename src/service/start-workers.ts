/** The job workers (reply, send, confirm-send, notify, reconcile and booking-reminder), started by `ari serve` and by commands that need them. */
import type { BookingReminderJobData } from '../booking/booking-reminder-job.js';
import { sendBookingReminder } from '../booking/send-booking-reminder.js';
import { sweepDueReminders } from '../booking/sweep-due-reminders.js';
import { deliverTeamNotice, type TeamNotice } from '../handoff/notify-team.js';
import { replyToConversation } from '../conversations/reply-to-conversation.js';
import type { ReplyJobData } from '../conversations/enqueue-reply.js';
import type { SendJobData } from '../outbox/queue-outbound-message.js';
import { confirmSend } from '../outbox/confirm-send.js';
import { scheduleUnconfirmedSends } from '../outbox/schedule-unconfirmed-sends.js';
import { sendOutboundMessage } from '../outbox/send-outbound-message.js';
import type { ServiceContext } from '../context/service-context.js';
import { QUEUES } from '../jobs/queue-names.js';
import { retryOrphanedJobs } from '../jobs/retry-orphaned-jobs.js';
import { reconcileKapsoHistory } from '../reconciliation/reconcile-kapso-history.js';

/**
 * Several workers per queue: a reply spends most of its time waiting for a model,
 * so conversations must not queue behind each other. (The most at once: a queue's
 * workers are made as jobs need them, see job-queue.ts.)
 */
export const REPLY_WORKERS = 16;
export const SEND_WORKERS = 4;
/**
 * Reply jobs fetched together (issue 15): a fetch and a completion per batch instead of per job,
 * which on PGlite's one connection is time every webhook would otherwise wait behind. Sends stay
 * one per fetch: a batch may take a queue past its concurrency, and a send fetched by a process
 * that dies before claiming it waits for the job's expiry (a minute) instead of the restart's
 * check of unconfirmed sends — with a stalled provider, the send queue's four are soon all busy.
 */
const REPLY_BATCH = 4;

/**
 * A reply waits out the customer's burst (debounce) anyway: gathering the wakes of replies due
 * within a tenth of it (at most 250 ms) lets one fetch take them together. No debounce, no wait.
 */
function replyGatherMs(debounceMs: number): number {
  return Math.min(250, Math.round(debounceMs / 10));
}
/** Reminders fall due together on the hour (T−1h of every booking at that time). */
const REMINDER_WORKERS = 2;

export async function startWorkers(ctx: ServiceContext): Promise<void> {
  const { jobs } = ctx;
  // PGlite: this process holds the data directory, so a job running before any worker of ours
  // starts was a dead process's (hence first: after, it could be one of ours).
  if (ctx.database.engine === 'pglite') {
    const orphaned = await retryOrphanedJobs(ctx.database, jobs);
    if (orphaned > 0) ctx.logger.warn({ jobs: orphaned }, 'jobs a stopped process left running will run again');
  }
  // A handler that throws is retried by pg-boss (with backoff) until the queue's retry limit.
  await jobs.work<ReplyJobData>(
    QUEUES.reply,
    counted(ctx, QUEUES.reply, async (job) => {
      const outcome = await replyToConversation(ctx, job.data);
      ctx.logger.debug({ conversationId: job.data.conversationId, outcome }, 'reply job');
    }),
    { concurrency: REPLY_WORKERS, batchSize: REPLY_BATCH, gatherMs: replyGatherMs(ctx.config.debounceMs) },
  );
  await jobs.work<SendJobData>(
    QUEUES.send,
    counted(ctx, QUEUES.send, async (job) => {
      await sendOutboundMessage(ctx, job.data);
    }),
    { concurrency: SEND_WORKERS },
  );
  await jobs.work<SendJobData>(
    QUEUES.confirmSend,
    counted(ctx, QUEUES.confirmSend, async (job) => {
      const outcome = await confirmSend(ctx, job.data);
      ctx.logger.debug({ messageId: job.data.messageId, outcome }, 'confirm-send job');
    }),
  );
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
  await jobs.work<BookingReminderJobData>(
    QUEUES.bookingReminder,
    counted(ctx, QUEUES.bookingReminder, async (job) => {
      await sendBookingReminder(ctx, job.data);
    }),
    { concurrency: REMINDER_WORKERS },
  );
  // Sends a dead process left in flight: checked after the window, then sent again if unproven.
  await scheduleUnconfirmedSends(ctx);
  // Reminders whose time came while no job ran them.
  await sweepDueReminders(ctx);
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
