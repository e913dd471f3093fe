/**
 * The positive signal that "nothing else will happen": no job of the given queues
 * is waiting, retrying or running. Follow-up jobs are enqueued in the transaction
 * of the job that causes them, so once the queues are idle the work has settled.
 */
import type { Database } from '../../src/db/open-database.js';

const ALL_QUEUES = ['reply', 'send', 'notify'];

/** How many jobs of these queues are still created, retrying or active. */
export async function pendingJobs(database: Database, queues: string[] = ALL_QUEUES): Promise<number> {
  const [row] = await database.query<{ n: number }>(
    `select count(*)::int as n from pgboss.job where name = any($1::text[]) and state in ('created', 'retry', 'active')`,
    [queues],
  );
  return row!.n;
}

/** Waits until the queues hold no pending job (fails after `timeoutMs`). */
export async function waitForIdleQueues(
  database: Database,
  { queues = ALL_QUEUES, timeoutMs = 20_000 }: { queues?: string[]; timeoutMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await pendingJobs(database, queues);
    if (pending === 0) return;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for the queues ${queues.join(', ')} to drain (${pending} pending)`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
