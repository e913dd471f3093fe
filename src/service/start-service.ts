/**
 * `ari serve`: owns the database (locking a PGlite directory), migrates, seeds the
 * demo workspace on an empty database, serves HTTP and, on PGlite, the local
 * control socket the other `ari` commands use while it runs.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { startControlServer } from '../control/control-server.js';
import { applyMigrations } from '../db/migrations.js';
import { openDatabase } from '../db/open-database.js';
import { seedDemoWorkspace } from '../demo/seed-demo-workspace.js';
import { buildHttpServer } from '../http/build-http-server.js';
import { startJobQueue } from '../jobs/job-queue.js';
import { startWorkers } from './start-workers.js';
import { startPhases } from './start-phases.js';
import { claimServiceStart, type ServiceClaim } from './claim-service-start.js';
import { startPostgresWorkspaceEvents, type ClosableWorkspaceEvents } from '../events/postgres-workspace-events.js';
import { createWorkspaceEvents } from '../events/workspace-events.js';
import { createServiceMetrics } from '../metrics/service-metrics.js';
import type { ServiceContext } from '../context/service-context.js';
import { scheduleReconciliation } from '../reconciliation/schedule-reconciliation.js';

export interface RunningService {
  ctx: ServiceContext;
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:3000 */
  url: string;
  close(): Promise<void>;
}

type Closer = () => Promise<void> | void;

export async function startService(
  config: Config,
  logger: Logger,
  /** Begun by the caller before loading this module (see serve-command.ts); otherwise here. */
  claim?: ServiceClaim,
): Promise<RunningService> {
  const phases = startPhases();
  phases.mark('modules');
  const claimed = claim ?? (await claimServiceStart(config));
  const { prices, target, pglite } = claimed;
  const cleanups: Closer[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    // The lock last: nothing of this process touches the directory after it.
    await claimed.release();
  };
  try {
    const database = await openDatabase(target, { startedPglite: pglite?.pending.started });
    cleanups.push(() => database.close());
    phases.mark('open');
    const migrations = await applyMigrations(database, target);
    phases.mark('migrations');
    // A new PGlite directory says where it came from: the build's template, or initdb and why.
    const created = database.origin && database.origin.from !== 'existing' ? { created: database.origin } : {};
    logger.info(
      { engine: database.engine, location: database.location, migrations: migrations.applied, ...created },
      'database ready',
    );
    // Change events before the queue, so they close after it stops: a job finishing during the
    // stop still publishes, and its signals go out before the database closes.
    const events: ClosableWorkspaceEvents =
      target.engine === 'postgres'
        ? await startPostgresWorkspaceEvents(database, target.url, logger, { listen: true })
        : { ...createWorkspaceEvents(), close: async () => {} };
    cleanups.push(() => events.close());
    phases.mark('events');
    const jobs = await startJobQueue(database);
    cleanups.push(() => jobs.stop());
    phases.mark('queue');
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

    // Two lanes until "ARI is serving": the database's work (workers, sweeps, the demo
    // workspace) runs in PGlite's thread (or PostgreSQL) while this thread builds the
    // control and HTTP servers, instead of one after the other. A webhook that comes in
    // before the workers are up is stored and its reply waits for them (durable jobs).
    const workClosers: Closer[] = [];
    const serverClosers: Closer[] = [];
    const databaseWork = async () => {
      await phases.timed('workers', () => startWorkers(ctx));
      const reconciliation = scheduleReconciliation(ctx);
      workClosers.push(() => reconciliation.stop());
      if (config.demo) {
        const demo = await phases.timed('demo', () => seedDemoWorkspace(database.db));
        if (demo) logger.info({ workspace: demo.slug }, 'created the demo workspace');
      }
    };
    const servers = async (): Promise<FastifyInstance> => {
      if (pglite) {
        const control = await phases.timed('control', () => startControlServer(ctx, pglite.socketPath));
        serverClosers.push(() => control.close());
      }
      const http = await phases.timed('http', async () => {
        const app = buildHttpServer(ctx, logger);
        await app.listen({ port: config.port, host: config.host });
        return app;
      });
      serverClosers.push(() => http.close());
      return http;
    };
    const [work, serving] = await Promise.allSettled([databaseWork(), servers()]);
    // Closed in reverse: the servers first (no new requests), then the database's work.
    cleanups.push(...workClosers, ...serverClosers);
    if (work.status === 'rejected') throw work.reason;
    if (serving.status === 'rejected') throw serving.reason;
    const http = serving.value;
    phases.mark('workers and servers');
    const address = http.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
    logger.info({ url, console: `http://localhost:${port}`, startMs: phases.durations() }, 'ARI is serving');
    return { ctx, url, close };
  } catch (error) {
    await close();
    throw error;
  }
}
