/**
 * `ari serve`: owns the database (locking a PGlite directory), migrates, seeds the
 * demo workspace on an empty database, serves HTTP and, on PGlite, the local
 * control socket the other `ari` commands use while it runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { startControlServer } from '../control/control-server.js';
import { acquireDataDirLock, readLockHolder, type DataDirLock } from '../db/data-dir-lock.js';
import { databaseTarget } from '../db/database-target.js';
import { applyMigrations } from '../db/migrations.js';
import { openDatabase } from '../db/open-database.js';
import { seedDemoWorkspace } from '../demo/seed-demo-workspace.js';
import { buildHttpServer } from '../http/build-http-server.js';
import { startJobQueue } from '../jobs/job-queue.js';
import { startWorkers } from './start-workers.js';
import { startPostgresWorkspaceEvents, type ClosableWorkspaceEvents } from '../events/postgres-workspace-events.js';
import { createWorkspaceEvents } from '../events/workspace-events.js';
import { createServiceMetrics } from '../metrics/service-metrics.js';
import { loadPrices } from '../prices/load-price-file.js';
import type { ServiceContext } from '../context/service-context.js';
import { scheduleReconciliation } from '../reconciliation/schedule-reconciliation.js';
import { UserError } from '../core/user-error.js';

export interface RunningService {
  ctx: ServiceContext;
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:3000 */
  url: string;
  close(): Promise<void>;
}

export async function startService(config: Config, logger: Logger): Promise<RunningService> {
  // A bad price file stops the start before anything is opened.
  const prices = loadPrices(config.pricesFile);
  const target = databaseTarget(config);
  let lock: DataDirLock | null = null;
  let socketPath: string | null = null;
  if (target.engine === 'pglite') {
    socketPath = controlSocketPath(config.dataDir);
    const privateDir = path.dirname(socketPath);
    lock = await lockForServer(config.dataDir, socketPath).catch((error: unknown) => {
      if (privateDir !== config.dataDir) fs.rmSync(privateDir, { recursive: true, force: true });
      throw error;
    });
  }
  const cleanups: Array<() => Promise<void> | void> = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    lock?.release();
  };
  try {
    const database = await openDatabase(target);
    cleanups.push(() => database.close());
    const migrations = await applyMigrations(database, target);
    // A new PGlite directory says where it came from: the build's template, or initdb and why.
    const created = database.origin && database.origin.from !== 'existing' ? { created: database.origin } : {};
    logger.info(
      { engine: database.engine, location: database.location, migrations: migrations.applied, ...created },
      'database ready',
    );
    const jobs = await startJobQueue(database);
    cleanups.push(() => jobs.stop());
    const events: ClosableWorkspaceEvents =
      target.engine === 'postgres'
        ? await startPostgresWorkspaceEvents(database, target.url, logger, { listen: true })
        : { ...createWorkspaceEvents(), close: async () => {} };
    cleanups.push(() => events.close());
    const ctx: ServiceContext = {
      config,
      database,
      target,
      logger,
      jobs,
      metrics: createServiceMetrics(),
      events,
      prices,
    };
    await startWorkers(ctx);
    const reconciliation = scheduleReconciliation(ctx);
    cleanups.push(() => reconciliation.stop());

    if (config.demo) {
      const demo = await seedDemoWorkspace(database.db);
      if (demo) logger.info({ workspace: demo.slug }, 'created the demo workspace');
    }

    if (socketPath) {
      const privateDir = path.dirname(socketPath);
      if (privateDir !== config.dataDir) cleanups.push(() => fs.rmSync(privateDir, { recursive: true, force: true }));
      const control = await startControlServer(ctx, socketPath);
      cleanups.push(() => control.close());
    }

    const http: FastifyInstance = buildHttpServer(ctx, logger);
    await http.listen({ port: config.port, host: config.host });
    cleanups.push(() => http.close());
    const address = http.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
    logger.info({ url, console: `http://localhost:${port}` }, 'ARI is serving');
    return { ctx, url, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Another `ari serve` holding the directory is fatal at once; a short-lived command
 * (ari migrate, ari workspace create) is waited for.
 */
async function lockForServer(dataDir: string, socketPath: string): Promise<DataDirLock> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      return acquireDataDirLock(dataDir, 'serve', socketPath);
    } catch (error) {
      const holder = readLockHolder(dataDir);
      const waitable = error instanceof UserError && holder?.role === 'command' && Date.now() < deadline;
      if (!waitable) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/**
 * Unix socket paths are limited to ~107 bytes. A deep data directory gets its socket in a
 * new private directory under the temp dir (mkdtemp: mode 0700, a name nobody can guess or
 * take first); commands find it through the lock file, and it is removed on close.
 */
export function controlSocketPath(dataDir: string): string {
  const inside = path.join(dataDir, 'ari.sock');
  if (Buffer.byteLength(inside) < 100) return inside;
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ari-')), 'ari.sock');
}
