/**
 * A queue's workers are made as its jobs need them: a start costs one fetch per queue
 * (on PGlite every fetch takes the one connection), yet jobs that pile up still run up
 * to the queue's concurrency at once, and never more. Jobs due together are fetched
 * together (batchSize, gatherMs): one fetch and one completion for the batch, and a job
 * of the batch that fails is retried alone.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/open-database.js';
import { startJobQueue, type JobQueue } from '../src/jobs/job-queue.js';
import { QUEUES } from '../src/jobs/queue-names.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/test-database.js';
import { eventually, sleep } from './support/test-service.js';

describe.each(ENGINES)('job workers on %s', (engine) => {
  let test: TestDatabase;
  let jobs: JobQueue | null = null;
  let fetches = 0;
  let completions = 0;
  /** The test database, counting pg-boss's job fetches (FOR UPDATE SKIP LOCKED) and completions on the way. */
  let counted: Database;
  beforeEach(async () => {
    test = await createTestDatabase(engine);
    fetches = 0;
    completions = 0;
    counted = {
      ...test.database,
      query: (text, values) => {
        if (/skip locked/i.test(text)) fetches++;
        if (/state = 'completed'/i.test(text)) completions++;
        return test.database.query(text, values);
      },
    };
  });
  afterEach(async () => {
    await jobs?.stop();
    jobs = null;
    await test.dispose();
  });

  it('start with one fetch for a queue of sixteen workers', async () => {
    // No poll during the test: only the workers' own fetches count.
    jobs = await startJobQueue(counted, { supervise: false, pollingIntervalSeconds: 60 });
    await jobs.work(QUEUES.notify, async () => {}, { concurrency: 16 });
    await eventually(() => fetches > 0, 10_000, 'the first fetch');
    await sleep(500);
    expect(fetches).toBe(1);
  });

  it('run piled-up jobs up to the concurrency at once, and the rest as workers come free', async () => {
    jobs = await startJobQueue(counted, { supervise: false, pollingIntervalSeconds: 60 });
    let running = 0;
    let most = 0;
    let done = 0;
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await jobs.work(
      QUEUES.notify,
      async () => {
        running++;
        most = Math.max(most, running);
        await released;
        running--;
        done++;
      },
      { concurrency: 4 },
    );
    for (let i = 0; i < 6; i++) await jobs.send(QUEUES.notify, { i });
    jobs.wake(QUEUES.notify);
    await eventually(() => running === 4, 15_000, 'four jobs running at once');
    await sleep(500);
    expect(most).toBe(4);
    release();
    await eventually(() => done === 6, 15_000, 'all six jobs');
    expect(most).toBe(4);
  });

  /** The queue's jobs by state, read from pg-boss's table. */
  async function states(queue: string): Promise<Record<string, string>> {
    const rows = await test.database.query<{ n: number; state: string }>(
      `select (data->>'n')::int as n, state from pgboss.job where name = $1`,
      [queue],
    );
    return Object.fromEntries(rows.map((r) => [String(r.n), r.state]));
  }

  // pg-boss completes a finished job without awaiting it; a database closed right after stop
  // failed that completion, unhandled (seen in CI).
  it('stop waits for the completion pg-boss sends without awaiting it', async () => {
    let completing = 0;
    const slowCompletions: Database = {
      ...counted,
      query: async (text, values) => {
        if (/state = 'completed'/i.test(text)) {
          completing++;
          await sleep(300);
        }
        return test.database.query(text, values);
      },
    };
    jobs = await startJobQueue(slowCompletions, { supervise: false, pollingIntervalSeconds: 60 });
    await jobs.work(QUEUES.notify, async () => {});
    await jobs.send(QUEUES.notify, { n: 1 });
    jobs.wake(QUEUES.notify);
    await eventually(() => completing > 0, 10_000, 'the completion under way');
    await jobs.stop();
    jobs = null;
    expect(await states(QUEUES.notify)).toEqual({ 1: 'completed' });
  });

  it('fetch jobs due together in one statement, run them side by side and complete them in one', async () => {
    jobs = await startJobQueue(counted, { supervise: false, pollingIntervalSeconds: 60 });
    const ran: number[] = [];
    let running = 0;
    let most = 0;
    await jobs.work<{ n: number }>(
      QUEUES.notify,
      async (job) => {
        running++;
        most = Math.max(most, running);
        await sleep(200);
        ran.push(job.data.n);
        running--;
      },
      { concurrency: 4, batchSize: 4, gatherMs: 300 },
    );
    await eventually(() => fetches > 0, 10_000, 'the first fetch');
    await sleep(300);
    const before = { fetches, completions };
    for (let n = 1; n <= 4; n++) await jobs.send(QUEUES.notify, { n });
    // Four wakes (as four webhooks would ask) within one gathering span: one fetch takes all four.
    for (let n = 1; n <= 4; n++) jobs.wake(QUEUES.notify);
    await eventually(() => ran.length === 4, 15_000, 'all four jobs');
    await eventually(async () => Object.values(await states(QUEUES.notify)).every((s) => s === 'completed'));
    expect(ran.sort()).toEqual([1, 2, 3, 4]);
    expect(most).toBe(4);
    // One fetch for the four (a full batch then lets another worker look once: nothing left).
    expect(fetches - before.fetches).toBeLessThanOrEqual(2);
    expect(completions - before.completions).toBe(1);
  });

  it('retry a job that failed in a batch alone: the others complete and never run again', async () => {
    jobs = await startJobQueue(counted, { supervise: false, pollingIntervalSeconds: 60 });
    const runs = new Map<number, number>();
    await jobs.work<{ n: number }>(
      QUEUES.notify,
      async (job) => {
        const n = job.data.n;
        runs.set(n, (runs.get(n) ?? 0) + 1);
        if (n === 2 && runs.get(n) === 1) throw new Error('the team webhook timed out');
      },
      { concurrency: 4, batchSize: 4, gatherMs: 300 },
    );
    await eventually(() => fetches > 0, 10_000, 'the first fetch');
    for (let n = 1; n <= 3; n++) await jobs.send(QUEUES.notify, { n }, { retryDelay: 1, retryBackoff: false });
    jobs.wake(QUEUES.notify);
    await eventually(async () => (await states(QUEUES.notify))['2'] === 'retry', 15_000, 'job 2 waiting to retry');
    const failed = await test.database.query<{ output: { message?: string } }>(
      `select output from pgboss.job where name = $1 and (data->>'n')::int = 2`,
      [QUEUES.notify],
    );
    expect(failed[0]!.output.message).toBe('the team webhook timed out');
    // The retry is due a second later; a poll or a wake finds it.
    await sleep(1_200);
    jobs.wake(QUEUES.notify);
    await eventually(
      async () => Object.values(await states(QUEUES.notify)).every((s) => s === 'completed'),
      15_000,
      'every job completed',
    );
    expect(Object.fromEntries(runs)).toEqual({ 1: 1, 2: 2, 3: 1 });
  });

  it('run no more than the concurrency (plus what one batch brings) when batches pile up', async () => {
    jobs = await startJobQueue(counted, { supervise: false, pollingIntervalSeconds: 60 });
    let running = 0;
    let most = 0;
    let done = 0;
    await jobs.work(
      QUEUES.notify,
      async () => {
        running++;
        most = Math.max(most, running);
        await sleep(150);
        running--;
        done++;
      },
      { concurrency: 4, batchSize: 3 },
    );
    for (let i = 0; i < 12; i++) await jobs.send(QUEUES.notify, { n: i });
    jobs.wake(QUEUES.notify);
    await eventually(() => done === 12, 20_000, 'all twelve jobs');
    expect(most).toBeGreaterThanOrEqual(3);
    expect(most).toBeLessThanOrEqual(4 + 3 - 1);
  });
});
