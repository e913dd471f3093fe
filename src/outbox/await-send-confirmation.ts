/**
 * Schedules the check of a send whose outcome is unknown (see confirm-send.ts). A
 * durable job, so the check survives a restart; one waiting check per message.
 */
import type { AriTransaction } from '../db/open-database.js';
import { QUEUES } from '../jobs/queue-names.js';
import type { ServiceContext } from '../context/service-context.js';
import type { SendJobData } from './queue-outbound-message.js';

export async function awaitSendConfirmation(
  ctx: ServiceContext,
  data: SendJobData,
  dueAt: Date,
  tx?: AriTransaction,
): Promise<void> {
  if (!ctx.jobs) throw new Error('the job queue is not running');
  await ctx.jobs.send(QUEUES.confirmSend, data, { singletonKey: data.messageId, startAfter: dueAt.toISOString() }, tx);
  if (!tx) ctx.jobs.wake(QUEUES.confirmSend, dueAt);
}
