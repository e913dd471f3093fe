import path from 'node:path';
import type { Config } from '../config/config.js';
import type { DatabaseTarget } from './open-database.js';

/** PostgreSQL when DATABASE_URL is set, otherwise PGlite in ARI_DATA_DIR/pglite. */
export function databaseTarget(config: Config): DatabaseTarget {
  return config.databaseUrl
    ? { engine: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize }
    : { engine: 'pglite', dataDir: path.join(config.dataDir, 'pglite') };
}
