/**
 * Opens the one schema on either engine: PGlite (embedded, a data directory) or
 * PostgreSQL (DATABASE_URL). Everything above this file sees the same drizzle
 * database type and writes PostgreSQL only.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { PgliteWorker } from './open-pglite-worker.js';
import { createPriorityGate } from './priority-gate.js';
import { PGLITE_TEMPLATE_DIR } from './pglite-template.js';
import * as schema from './schema.js';
import type { PgliteOrigin } from './seed-pglite-data-dir.js';
import { startPglite, type StartedPglite } from './start-pglite.js';

export type AriDatabase = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Engine = 'pglite' | 'postgres';
export type AriTransaction = Parameters<Parameters<AriDatabase['transaction']>[0]>[0];

export interface Database {
  db: AriDatabase;
  engine: Engine;
  /** Runs raw SQL with positional parameters; used by the job queue and catalog checks. */
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
  /**
   * Runs work with its database calls ahead of queued background work (a webhook's commit
   * before reply turns and job fetches on PGlite's one connection). PostgreSQL: as is.
   */
  urgent<T>(work: () => Promise<T>): Promise<T>;
  /** Where the data lives, for messages (a directory, or the URL without password). */
  location: string;
  /** PGlite only: a gzipped tarball of the data directory, taken between queries (crash-consistent). */
  dumpDataDir?: () => Promise<Blob>;
  /** PGlite only: whether the directory existed, was copied from the build's template, or ran initdb (and why). */
  origin?: PgliteOrigin;
}

export interface OpenOptions {
  /** PGlite: the migrated template an empty directory starts from; null runs initdb. Default: the build's. */
  pgliteTemplate?: string | null;
  /**
   * PGlite: the directory's worker, already starting (see start-pglite.ts), so that its
   * boot overlapped the caller's module loading. Instead of starting one here.
   */
  startedPglite?: Promise<StartedPglite>;
}

/** poolSize: the most PostgreSQL connections this process holds at once (default 10). */
export type DatabaseTarget =
  | { engine: 'pglite'; dataDir: string }
  | { engine: 'postgres'; url: string; poolSize?: number };

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  if (target.engine === 'postgres') return openPostgres(target.url, target.poolSize);
  const template = options.pgliteTemplate === undefined ? PGLITE_TEMPLATE_DIR : options.pgliteTemplate;
  return pgliteDatabase(await (options.startedPglite ?? startPglite(target.dataDir, template)));
}

function pgliteDatabase({ client, dataDir, origin }: StartedPglite): Database {
  // Every caller goes through the gate, so urgent work jumps the queue; drizzle uses query
  // and transaction only.
  const gate = createPriorityGate();
  const gated = {
    query: (...args: Parameters<PgliteWorker['query']>) => gate.run(() => client.query(...args)),
    transaction: (...args: Parameters<PgliteWorker['transaction']>) => gate.run(() => client.transaction(...args)),
  };
  const db = drizzlePglite({ client: gated as unknown as PGlite, schema }) as unknown as AriDatabase;
  return {
    db,
    engine: 'pglite',
    location: dataDir,
    origin,
    async query<Row>(text: string, values?: unknown[]) {
      // PGlite's query() takes one statement; parameterless batches go through exec().
      if ((values === undefined || values.length === 0) && text.includes(';')) {
        const results = await gate.run(() => client.exec(text));
        return (results.at(-1)?.rows ?? []) as Row[];
      }
      const result = await gate.run(() => client.query<Row>(text, values));
      return result.rows;
    },
    urgent: gate.urgent,
    close: () => client.close(),
    // Between statements (crash-consistent); the worker takes a checkpoint first, which keeps the WAL to replay on restore short.
    dumpDataDir: () => gate.run(() => client.dumpDataDir()),
  };
}

async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  // Every query of this process goes through this pool (pg-boss's too, through its `db`
  // option); the change-event listener and the migration lock hold one connection each besides.
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server closes (restart, failover) must not crash the process;
  // the pool replaces it on the next query.
  pool.on('error', (error) => process.emitWarning(`PostgreSQL connection lost: ${error.message}`));
  // Fail fast with a clear message instead of on the first query.
  const probe = await pool.connect().catch(async (error: unknown) => {
    await pool.end();
    throw error;
  });
  probe.release();
  const db = drizzlePostgres(pool, { schema }) as unknown as AriDatabase;
  return {
    db,
    engine: 'postgres',
    location: redactUrl(url),
    async query<Row>(text: string, values?: unknown[]) {
      const result = await pool.query(text, values as unknown[] | undefined);
      return result.rows as Row[];
    },
    urgent: (work) => work(),
    close: () => pool.end(),
  };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}
