import type { AriTransaction } from '../db/open-database.js';
import { QUEUES } from '../jobs/queue-names.js';
import type { ServiceContext } from '../context/service-context.js';

export interface ReplyJobData {
  workspaceId: string;
  conversationId: string;
}

/**
 * Queues the conversation's reply job, due after the debounce window. The reply
 * queue keeps one waiting job per conversation (its singleton key), so a burst of
 * messages queues one job, and each message's ingest moves it to the end of the new
 * window; a job that was already fetched when a message came queues itself again.
 */
export async function enqueueReply(
  ctx: ServiceContext,
  data: ReplyJobData,
  tx?: AriTransaction,
  startAfter: Date = new Date(Date.now() + ctx.config.debounceMs),
  /** The turn's worst case (see reply-job-expiry.ts); the queue's default when unknown. */
  expireInSeconds?: number,
): Promise<boolean> {
  const id = await ctx.jobs.send(
    QUEUES.reply,
    data,
    {
      singletonKey: data.conversationId,
      startAfter: startAfter.toISOString(),
      ...(expireInSeconds ? { expireInSeconds } : {}),
    },
    tx,
  );
  if (!tx) ctx.jobs.wake(QUEUES.reply, startAfter);
  return id !== null;
}
