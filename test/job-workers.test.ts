/**
 * A queue's workers are made as its jobs need them: a start costs one fetch per queue
 * (on PGlite every fetch takes the one connection), yet jobs that pile up still run up
 * to the queue's concurrency at once, and never more.
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
  /** The test database, counting pg-boss's job fetches (FOR UPDATE SKIP LOCKED) on the way. */
  let counted: Database;
  beforeEach(async () => {
    test = await createTestDatabase(engine);
    fetches = 0;
    counted = {
      ...test.database,
      query: (text, values) => {
        if (/skip locked/i.test(text)) fetches++;
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
});
