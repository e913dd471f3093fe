/**
 * At start: messages left `sending` (a process died mid-request) get their
 * confirmation check, a window from now — status webhooks could not reach a dead
 * process, so the provider gets a window to deliver them (it retries) before ARI
 * sends again. Harmless for a send still in flight in another process: the check
 * waits for a window after that attempt's start.
 */
import { eq } from 'drizzle-orm';
import { ariMessages } from '../db/schema.js';
import { QUEUES } from '../jobs/queue-names.js';
import type { ServiceContext } from '../context/service-context.js';
import type { SendJobData } from './queue-outbound-message.js';

export async function scheduleUnconfirmedSends(ctx: ServiceContext): Promise<number> {
  if (!ctx.jobs) throw new Error('the job queue is not running');
  const rows = await ctx.database.db
    .select({ id: ariMessages.id, workspaceId: ariMessages.workspaceId })
    .from(ariMessages)
    .where(eq(ariMessages.status, 'sending'));
  if (rows.length === 0) return 0;
  const dueAt = new Date(Date.now() + ctx.config.sendConfirmWindowMs);
  await ctx.jobs.insert(
    rows.map((r) => ({
      name: QUEUES.confirmSend,
      data: { workspaceId: r.workspaceId, messageId: r.id, attempt: 1 } satisfies SendJobData,
      singletonKey: r.id,
      startAfter: dueAt.toISOString(),
    })),
  );
  ctx.jobs.wake(QUEUES.confirmSend, dueAt);
  ctx.logger.info(
    { count: rows.length, dueAt },
    'sends of unknown outcome found at start: checking them after the window',
  );
  return rows.length;
}
