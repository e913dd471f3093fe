import type { Config } from '../config/config.js';
import type { Database, DatabaseTarget } from '../db/open-database.js';

/** What every operation runs with: the configuration and an open database. */
export interface ServiceContext {
  config: Config;
  database: Database;
  target: DatabaseTarget;
}
