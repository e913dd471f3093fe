/**
 * A command's operation run in this process (see lazy-backend.ts for where operations
 * run): the database opened, its schema checked, the job queue (and, for the commands that
 * wait for jobs, the workers) started for the call, and all of it closed after.
 */
import type { Config } from '../../config/config.js';
import {
  NEEDS_WORKERS,
  runOperation,
  type OperationInput,
  type OperationName,
  type OperationOutput,
} from '../../control/operations.js';
import { UserError } from '../../core/user-error.js';
import { applyMigrations, migrationStatus } from '../../db/migrations.js';
import { openDatabase, type Database, type DatabaseTarget } from '../../db/open-database.js';
import type { StartedPglite } from '../../db/start-pglite.js';
import { startJobQueue } from '../../jobs/job-queue.js';
import { startWorkers } from '../../service/start-workers.js';
import { createLogger } from '../../logging/create-logger.js';
import { startPostgresWorkspaceEvents, type ClosableWorkspaceEvents } from '../../events/postgres-workspace-events.js';
import { createWorkspaceEvents } from '../../events/workspace-events.js';
import { createServiceMetrics } from '../../metrics/service-metrics.js';
import type { PriceEntry } from '../../prices/price-table.js';
import type { ServiceContext } from '../../context/service-context.js';

export interface Here {
  config: Config;
  target: DatabaseTarget;
  prices: PriceEntry[];
  /** PGlite: its worker, begun by the caller (which holds the directory's lock). */
  startedPglite?: Promise<StartedPglite>;
}

export async function runOperationHere<K extends OperationName>(
  { config, target, prices, startedPglite }: Here,
  name: K,
  input: OperationInput<K>,
): Promise<OperationOutput<K>> {
  const database = await openDatabase(target, { startedPglite }).catch((error: unknown) => {
    throw new UserError(`cannot open the database: ${(error as Error).message}`, 'unavailable');
  });
  try {
    await ensureCurrentSchema(name, database, target);
    const logger = createLogger({ logLevel: 'silent' });
    // The queue is always there to enqueue into; only a command that waits for jobs runs workers.
    const needsWorkers = NEEDS_WORKERS.has(name);
    // On PostgreSQL a command's changes reach the consoles of running servers too. Opened before
    // the queue so they close after it stops: a job finishing during the stop still publishes.
    const events: ClosableWorkspaceEvents =
      target.engine === 'postgres'
        ? await startPostgresWorkspaceEvents(database, target.url, logger, { listen: false })
        : { ...createWorkspaceEvents(), close: async () => {} };
    try {
      const jobs = await startJobQueue(database, { supervise: needsWorkers });
      try {
        const metrics = createServiceMetrics();
        const ctx: ServiceContext = { config, database, target, logger, jobs, metrics, events, prices };
        if (needsWorkers) await startWorkers(ctx);
        return await runOperation(ctx, name, input);
      } finally {
        await jobs.stop();
      }
    } finally {
      await events.close();
    }
  } finally {
    await database.close();
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
