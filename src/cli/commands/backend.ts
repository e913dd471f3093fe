/**
 * Where a command's operation runs. On PostgreSQL: here, on a pool of our own.
 * On PGlite: inside the running `ari serve` (through its control socket) when one
 * owns the directory; otherwise here, holding the directory's lock meanwhile.
 */
import type { Config } from '../../config/config.js';
import { callServer } from '../../control/control-client.js';
import {
  NEEDS_WORKERS,
  runOperation,
  type OperationInput,
  type OperationName,
  type OperationOutput,
} from '../../control/operations.js';
import { UserError } from '../../core/user-error.js';
import { acquireDataDirLock, readLockHolder, type LockHolder } from '../../db/data-dir-lock.js';
import { databaseTarget } from '../../db/database-target.js';
import { applyMigrations, migrationStatus } from '../../db/migrations.js';
import { openDatabase, type Database, type DatabaseTarget } from '../../db/open-database.js';
import { startJobQueue } from '../../jobs/job-queue.js';
import { startWorkers } from '../../service/start-workers.js';
import { createLogger } from '../../logging/create-logger.js';
import { startPostgresWorkspaceEvents, type ClosableWorkspaceEvents } from '../../events/postgres-workspace-events.js';
import { createWorkspaceEvents } from '../../events/workspace-events.js';
import { createServiceMetrics } from '../../metrics/service-metrics.js';
import { loadPrices } from '../../prices/load-price-file.js';
import type { ServiceContext } from '../../context/service-context.js';

export type Via = 'server' | 'local';

export async function callOperation<K extends OperationName>(
  config: Config,
  name: K,
  input: OperationInput<K>,
): Promise<{ result: OperationOutput<K>; via: Via }> {
  const target = databaseTarget(config);
  if (target.engine === 'pglite') {
    const holder = await waitForServerOrFree(config.dataDir);
    if (holder?.socketPath) return { result: await callWithRetry(holder.socketPath, name, input), via: 'server' };
  }
  const prices = loadPrices(config.pricesFile);
  const lock = target.engine === 'pglite' ? acquireDataDirLock(config.dataDir, 'command') : null;
  try {
    const database = await openDatabase(target).catch((error: unknown) => {
      throw new UserError(`cannot open the database: ${(error as Error).message}`, 'unavailable');
    });
    try {
      await ensureCurrentSchema(name, database, target);
      const logger = createLogger({ logLevel: 'silent' });
      // The queue is always there to enqueue into; only a command that waits for jobs runs workers.
      const needsWorkers = NEEDS_WORKERS.has(name);
      const jobs = await startJobQueue(database, { supervise: needsWorkers });
      try {
        // On PostgreSQL a command's changes reach the consoles of running servers too.
        const events: ClosableWorkspaceEvents =
          target.engine === 'postgres'
            ? await startPostgresWorkspaceEvents(database, target.url, logger, { listen: false })
            : { ...createWorkspaceEvents(), close: async () => {} };
        try {
          const metrics = createServiceMetrics();
          const ctx: ServiceContext = { config, database, target, logger, jobs, metrics, events, prices };
          if (needsWorkers) await startWorkers(ctx);
          return { result: await runOperation(ctx, name, input), via: 'local' };
        } finally {
          await events.close();
        }
      } finally {
        await jobs.stop();
      }
    } finally {
      await database.close();
    }
  } finally {
    lock?.release();
  }
}

/** A server answers on its socket; another short command is waited for (up to 20 s). */
async function waitForServerOrFree(dataDir: string): Promise<LockHolder | null> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const holder = readLockHolder(dataDir);
    if (!holder || holder.role === 'serve') return holder;
    if (Date.now() > deadline) {
      throw new UserError(`the data directory ${dataDir} is busy (pid ${holder.pid}, ari ${holder.role})`, 'locked');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The server may still be starting (lock taken, socket not yet listening). */
async function callWithRetry<K extends OperationName>(
  socketPath: string,
  name: K,
  input: OperationInput<K>,
): Promise<OperationOutput<K>> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      return await callServer(socketPath, name, input);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ECONNREFUSED') || Date.now() > deadline) {
        if (code === 'ENOENT' || code === 'ECONNREFUSED') {
          throw new UserError(`the running ARI server does not answer on ${socketPath}`, 'unavailable');
        }
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Commands that work on any schema: they bring it current, report on it, or copy it. */
const ANY_SCHEMA = new Set<OperationName>(['migrate', 'doctor', 'backup']);

/**
 * A command must not work on a half-made schema, nor change one behind the operator's back:
 * a database with no schema yet is set up (nothing to lose), but one an older ARI made is
 * left to `ari migrate` (and a backup first), never migrated by, say, `ari workspace list`.
 */
async function ensureCurrentSchema(name: OperationName, database: Database, target: DatabaseTarget): Promise<void> {
  if (ANY_SCHEMA.has(name)) return;
  const status = await migrationStatus(database);
  if (status.pending === 0) return;
  if (status.applied === 0) {
    await applyMigrations(database, target);
    return;
  }
  throw new UserError(
    `the database at ${database.location} is ${status.pending} migration(s) behind this version of ARI: ` +
      'back it up (ari backup <file>), then run ari migrate (ari serve also migrates on start)',
    'conflict',
  );
}
