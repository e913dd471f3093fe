/**
 * Jobs a dead process left running, failed into their retry at once. pg-boss would do the same
 * only after each job's expiry — for a reply, its turn's worst case (over a minute): the
 * customer whose turn was cut off by a crash would wait that long for an answer.
 *
 * Only where no other process can be running them: on PGlite, whose data directory this
 * process holds locked. (On PostgreSQL another `ari serve` may be running them; expiry decides.)
 * Each handler copes with a second run: a reply finds its burst answered, a claimed send is
 * left to the check of unconfirmed sends, a reminder's row says whether it went.
 */
import type { Database } from '../db/open-database.js';
import type { JobQueue } from './job-queue.js';

export async function retryOrphanedJobs(database: Database, jobs: JobQueue): Promise<number> {
  const rows = await database.query<{ name: string; ids: string[] }>(
    `select name, array_agg(id::text) as ids from pgboss.job where state = 'active' group by name`,
  );
  for (const { name, ids } of rows)
    for (const id of ids) await jobs.boss.fail(name, id, { message: 'the process running it stopped' });
  return rows.reduce((n, r) => n + r.ids.length, 0);
}
