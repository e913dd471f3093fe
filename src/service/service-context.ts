import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Database, DatabaseTarget } from '../db/open-database.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { WorkspaceEvents } from '../events/workspace-events.js';
import type { ServiceMetrics } from '../metrics/service-metrics.js';

/** What every operation runs with: configuration, an open database, a logger, the job queue, metrics and change events. */
export interface ServiceContext {
  config: Config;
  database: Database;
  target: DatabaseTarget;
  logger: Logger;
  /** Null where no queue was started (one-shot CLI commands that need none). */
  jobs: JobQueue | null;
  metrics: ServiceMetrics;
  events: WorkspaceEvents;
}
