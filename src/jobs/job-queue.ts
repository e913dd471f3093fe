/**
 * The durable job queue: pg-boss on the same database (PostgreSQL, or PGlite
 * through pg-boss's `db` option). Jobs can be enqueued inside a drizzle
 * transaction, so "store the message" and "queue its reply" commit together.
 */
import PgBoss from 'pg-boss';
import type { AriTransaction, Database } from '../db/open-database.js';
import { positionalSql } from '../db/positional-sql.js';
import { selectRows } from '../db/select-rows.js';
import { QUEUES, type QueueName } from './queue-names.js';

export interface JobQueue {
  boss: PgBoss;
  /** Enqueue, inside the caller's transaction when one is given. */
  send(queue: QueueName, data: object, options?: PgBoss.SendOptions, tx?: AriTransaction): Promise<string | null>;
  /** Enqueue many in one statement (same queue policies; duplicates of a singleton are dropped). */
  insert(jobs: Array<PgBoss.JobInsert & { name: QueueName }>, tx?: AriTransaction): Promise<void>;
  /**
   * Moves the waiting jobs (queued, not yet fetched) of these singleton keys of a "short" queue to
   * start no earlier than startAfter, in one statement; returns the keys that had one. A job
   * already fetched is not touched.
   */
  postpone(queue: QueueName, singletonKeys: string[], startAfter: Date, tx?: AriTransaction): Promise<Set<string>>;
  /** Starts the queue's workers (once per queue): up to `concurrency` jobs run at once. */
  work<T extends object>(
    queue: QueueName,
    handler: (job: PgBoss.Job<T>) => Promise<void>,
    options?: WorkOptions,
  ): Promise<void>;
  /**
   * Wakes this process's workers of a queue when a job it just committed is due, instead
   * of waiting for their next poll (call after the commit, never before).
   */
  wake(queue: QueueName, dueAt?: Date): void;
  stop(): Promise<void>;
}

export interface WorkOptions extends Omit<PgBoss.WorkOptions, 'batchSize'> {
  /**
   * How many of the queue's jobs may run at once in this process (default 1); no worker fetches
   * once that many run (one batch may take it past by at most batchSize − 1).
   */
  concurrency?: number;
  /**
   * Jobs one fetch takes (default 1): they run side by side, each failed on its own, and the
   * rest are completed by one statement.
   */
  batchSize?: number;
  /**
   * Wakes for jobs falling due within this many milliseconds of each other become one wake (at
   * the end of that span), so one fetch takes them together (default 0: every wake fetches).
   */
  gatherMs?: number;
}

export interface JobQueueOptions {
  /** How often idle workers look for due jobs (pg-boss minimum 0.5 s). */
  pollingIntervalSeconds?: number;
  /** Run expiry/retention maintenance in this process. */
  supervise?: boolean;
}

export async function startJobQueue(database: Database, options: JobQueueOptions = {}): Promise<JobQueue> {
  let stopped = false;
  /** pg-boss's statements still running: stop waits for them (see stop). */
  const running = new Set<Promise<unknown>>();
  const boss = new PgBoss({
    db: {
      executeSql: async (text: string, values?: unknown[]) => {
        // Once pg-boss has stopped, a fetch that was in flight may still hand out a job, and
        // pg-boss settles it without awaiting (complete/fail): on a closed database that
        // rejection would end the process. Such a late statement is never run (nor answered):
        // the job stays active and runs again after its expiry, as when a process dies mid-job.
        if (stopped) return new Promise<never>(() => {});
        const statement = database.query(text, values);
        running.add(statement);
        try {
          return { rows: await statement };
        } finally {
          running.delete(statement);
        }
      },
    },
    schema: 'pgboss',
    supervise: options.supervise ?? true,
    // Expired jobs (a worker that died mid-job) are retried promptly.
    maintenanceIntervalSeconds: 5,
    schedule: false,
  });
  boss.on('error', (error: unknown) => {
    process.emitWarning(`job queue: ${(error as Error).message}`);
  });
  await boss.start();
  // reply: "short" keeps at most one WAITING job per conversation (singletonKey), so a burst
  // queues one reply. Not "stately": its fetch takes the oldest due job even when that job's
  // conversation is still active, and then hands out nothing at all — one busy conversation
  // would hold every other conversation's reply. Two turns of one conversation that overlap
  // are settled by the reply transaction (only one commits; see reply-to-conversation.ts).
  // Each reply job carries its own expiry, its turn's worst case (reply-job-expiry.ts); this
  // default only covers a job queued without one.
  await ensureQueue(boss, QUEUES.reply, {
    policy: 'short',
    retryLimit: 5,
    retryDelay: 2,
    retryBackoff: true,
    expireInSeconds: 120,
  });
  await ensureQueue(boss, QUEUES.send, {
    policy: 'standard',
    retryLimit: 3,
    retryDelay: 2,
    retryBackoff: true,
    expireInSeconds: 60,
  });
  // confirm-send: one waiting check per message (singletonKey = message id).
  await ensureQueue(boss, QUEUES.confirmSend, {
    policy: 'short',
    retryLimit: 5,
    retryDelay: 2,
    retryBackoff: true,
    expireInSeconds: 60,
  });
  await ensureQueue(boss, QUEUES.notify, {
    policy: 'standard',
    retryLimit: 8,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: 60,
  });
  // booking-reminder: one waiting job per reminder (singletonKey = reminder id), so the start-up
  // sweep and the job queued with the booking never make two; a second run is harmless anyway
  // (the reminder row, locked, says whether it was already queued).
  await ensureQueue(boss, QUEUES.bookingReminder, {
    policy: 'short',
    retryLimit: 5,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: 60,
  });

  // stately: at most one run waiting and one running, however many processes ask.
  await ensureQueue(boss, QUEUES.reconcile, {
    policy: 'stately',
    retryLimit: 0,
    expireInSeconds: 900,
  });

  // Workers are woken when a job they should run becomes due (see wake); polling is the
  // safety net for jobs from other processes and pg-boss's own retries. Per queue, not per
  // worker: every interval one idle worker looks (see wakeOne), so an idle queue costs one
  // fetch per interval however many workers it has.
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  const pools = new Map<QueueName, WorkerPool>();
  const timers: NodeJS.Timeout[] = [];
  let stopping = false;
  /**
   * Wakes one idle worker of the queue to fetch. A worker that gets a job wakes the next
   * one, so k due jobs cost k + 1 fetches instead of every worker fetching on every wake
   * (on PGlite each fetch takes the one connection). None idle: the pool grows by a worker
   * (which looks at once); when it is full, or the queue's concurrency is running, the first
   * to finish looks again.
   */
  const wakeOne = (workers: WorkerPool): void => {
    if (workers.running >= workers.concurrency) {
      workers.backlog = true;
      return;
    }
    const idle = workers.ids.find((id) => !workers.busy.has(id));
    if (idle) boss.notifyWorker(idle);
    else if (!workers.grow()) workers.backlog = true;
  };
  return {
    boss,
    send(queue, data, sendOptions = {}, tx) {
      return boss.send(queue, data, { ...sendOptions, ...inTransaction(tx) });
    },
    async insert(jobs, tx) {
      if (jobs.length > 0) await boss.insert(jobs, inTransaction(tx));
    },
    async postpone(queue, singletonKeys, startAfter, tx) {
      if (singletonKeys.length === 0) return new Set();
      // pg-boss has no call for this. Its job table is stable within a major version (package-lock
      // holds 10.4.2) and the tests would fail on a change; the conditions match its index of
      // waiting singletons (job_i1). Locking the row keeps a fetch (SKIP LOCKED) off it.
      const rows = await selectRows<{ singleton_key: string }>(
        tx ?? database.db,
        positionalSql(
          `update pgboss.job set start_after = greatest(start_after, $2::timestamptz)
            where name = $1 and policy = 'short' and state = 'created'
              and coalesce(singleton_key, '') = any(array(select json_array_elements_text($3::json)))
            returning singleton_key`,
          [queue, startAfter.toISOString(), JSON.stringify(singletonKeys)],
        ),
      );
      return new Set(rows.map((row) => row.singleton_key));
    },
    async work(queue, handler, { concurrency = 1, batchSize = 1, gatherMs = 0, ...workOptions } = {}) {
      if (pools.has(queue)) throw new Error(`the ${queue} workers are already started`);
      // A pg-boss worker fetches as soon as it is made. Making all `concurrency` of them at
      // start cost a fetch each on the one PGlite connection (25 at every start and every
      // `ari simulate`); the pool starts with one and grows when every worker is busy.
      const startWorker = async (): Promise<void> => {
        workers.starting++;
        try {
          const id: string = await boss.work(
            queue,
            { pollingIntervalSeconds: OWN_POLLING_SECONDS, batchSize, ...workOptions },
            async (jobs) => {
              workers.busy.add(id);
              workers.running += jobs.length;
              // A full batch means more may be waiting: another worker looks at once.
              if (jobs.length >= batchSize) wakeOne(workers);
              try {
                await runBatch(boss, queue, jobs as PgBoss.Job<never>[], handler);
              } finally {
                workers.busy.delete(id);
                workers.running -= jobs.length;
              }
              // More were due while every worker was busy: this one looks again at once. Without
              // this a backlog (replies queue sends faster than they go out) drains one batch per
              // polling interval.
              if (workers.backlog) {
                workers.backlog = false;
                boss.notifyWorker(id);
              }
            },
          );
          workers.ids.push(id);
        } finally {
          workers.starting--;
        }
      };
      const workers: WorkerPool = {
        ids: [],
        busy: new Set(),
        backlog: false,
        starting: 0,
        running: 0,
        concurrency,
        gatherMs,
        wakesAt: new Set(),
        grow() {
          if (stopping || workers.ids.length + workers.starting >= concurrency) return false;
          startWorker().catch((error: unknown) => {
            if (!stopping)
              process.emitWarning(`job queue: a ${queue} worker did not start: ${(error as Error).message}`);
          });
          return true;
        },
      };
      pools.set(queue, workers);
      const poll = setInterval(() => wakeOne(workers), pollingIntervalSeconds * 1000);
      poll.unref();
      timers.push(poll);
      await startWorker();
    },
    wake(queue, dueAt = new Date()) {
      const workers = pools.get(queue);
      if (!workers) return;
      // Jobs falling due close together share one wake at the end of their span (gatherMs).
      const span = workers.gatherMs;
      const at = span > 0 ? Math.ceil(dueAt.getTime() / span) * span : dueAt.getTime();
      if (workers.wakesAt.has(at)) return;
      workers.wakesAt.add(at);
      const timer = setTimeout(
        () => {
          workers.wakesAt.delete(at);
          wakeOne(workers);
        },
        Math.max(0, at - Date.now()),
      );
      timer.unref();
    },
    // Running jobs (a reply turn) get a few seconds to finish; what is cut off runs again after a restart.
    stop: async () => {
      stopping = true;
      for (const timer of timers) clearInterval(timer);
      await boss.stop({ graceful: true, wait: true, timeout: 6_000 });
      stopped = true;
      // pg-boss completes a finished job without awaiting it, and its stop does not wait for
      // that statement: the caller closing the database next would fail it, unhandled.
      await Promise.allSettled([...running]);
    },
  };
}

/** A queue's workers in this process: which are running a job, and whether jobs were due while all were. */
interface WorkerPool {
  ids: string[];
  busy: Set<string>;
  backlog: boolean;
  /** Workers asked of pg-boss and not yet made. */
  starting: number;
  /** Jobs running now, and how many may (see WorkOptions.concurrency). */
  running: number;
  concurrency: number;
  /** See WorkOptions.gatherMs; wakesAt: the times a wake is already set for. */
  gatherMs: number;
  wakesAt: Set<number>;
  /** Adds a worker, which looks for a job at once; false when the pool is full. */
  grow(): boolean;
}

/**
 * A fetched batch: its jobs run side by side, and one that throws is failed alone (retried
 * after its backoff, as a job fetched alone would be). pg-boss then completes, in one
 * statement, those still active — every job but the failed ones. A job done early stays active
 * until its batch ends: a process dying meanwhile runs it again, which the batched queues' jobs
 * allow (a reply or send already done finds nothing to do).
 */
async function runBatch<T>(
  boss: PgBoss,
  queue: QueueName,
  jobs: PgBoss.Job<T>[],
  handler: (job: PgBoss.Job<T>) => Promise<void>,
): Promise<void> {
  if (jobs.length === 1) return handler(jobs[0]!);
  const settled = await Promise.allSettled(jobs.map((job) => handler(job)));
  for (const [i, result] of settled.entries()) {
    // pg-boss serialises the error into the job's output, as for a job fetched alone.
    if (result.status === 'rejected') await boss.fail(queue, jobs[i]!.id, result.reason as object);
  }
}

/** How often each worker polls on its own: rarely, the queue's poll and wakes find the jobs (see wakeOne). */
const OWN_POLLING_SECONDS = 30;

/** pg-boss's `db` option, pointed at the caller's transaction. */
function inTransaction(tx: AriTransaction | undefined): { db?: PgBoss.Db } {
  if (!tx) return {};
  return {
    db: {
      executeSql: async (text: string, values?: unknown[]) => ({
        rows: await selectRows(tx, positionalSql(text, values)),
      }),
    },
  };
}

async function ensureQueue(boss: PgBoss, name: string, options: Omit<PgBoss.Queue, 'name'>): Promise<void> {
  const existing = await boss.getQueue(name);
  if (existing) await boss.updateQueue(name, { name, ...options });
  else await boss.createQueue(name, { name, ...options });
}
