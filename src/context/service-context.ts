/**
 * What every operation runs with. A low layer on purpose: it names only types of
 * the foundations (config, db, jobs, events, metrics, prices), so any folder may
 * import it without depending on the start-up code that builds it (src/service/).
 */
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Database, DatabaseTarget } from '../db/open-database.js';
import type { WorkspaceEvents } from '../events/workspace-events.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { ServiceMetrics } from '../metrics/service-metrics.js';
import type { PriceEntry } from '../prices/price-table.js';

export interface ServiceContext {
  config: Config;
  database: Database;
  target: DatabaseTarget;
  logger: Logger;
  /** Always running: a command that needs no workers still gets a queue to enqueue into. */
  jobs: JobQueue;
  metrics: ServiceMetrics;
  events: WorkspaceEvents;
  /** Model prices: the built-in table with ARI_PRICES_FILE applied, read once at start-up. */
  prices: PriceEntry[];
}
