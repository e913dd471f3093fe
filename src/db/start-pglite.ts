/**
 * Starts PGlite for a data directory: seeded from the build's template (or initdb in a
 * child process), then booted in its worker thread. Kept to light imports (no PGlite,
 * drizzle or pg here) so a start can begin this right after taking the directory's lock
 * and load the rest of ARI meanwhile: booting PostgreSQL's WASM (~0.6–0.8 s) then runs
 * on another core while this thread loads modules. The caller holds the lock.
 */
import fs from 'node:fs';
import { initdbInChildProcess } from './initdb-in-child-process.js';
import { openPgliteWorker, type PgliteWorker } from './open-pglite-worker.js';
import { seedPgliteDataDir, type PgliteOrigin } from './seed-pglite-data-dir.js';

export interface StartedPglite {
  client: PgliteWorker;
  dataDir: string;
  origin: PgliteOrigin;
}

/**
 * shared_buffers 32 MB instead of initdb's 128 MB: PostgreSQL touches its shared memory at
 * start, so this is ~100 MB of resident WASM heap less in every process that opens the
 * directory (a 1 GB server). Pages beyond it are read from the OS page cache, which a
 * small business's database fits in. (Added to PGlite's own start parameters.)
 */
const PGLITE_EXTRA_START_PARAMS = ['-c', 'shared_buffers=32MB'];

/** template: the migrated template an empty directory starts from; null runs initdb. */
export async function startPglite(dataDir: string, template: string | null): Promise<StartedPglite> {
  const origin = seedPgliteDataDir(dataDir, template);
  fs.mkdirSync(dataDir, { recursive: true });
  if (origin.from === 'initdb') await initdbInChildProcess(dataDir);
  const client = await openPgliteWorker(dataDir, PGLITE_EXTRA_START_PARAMS);
  return { client, dataDir, origin };
}

/**
 * startPglite begun now and awaited later: a failure meanwhile is not an unhandled
 * rejection (which would end the process before the caller could report it or let go of
 * the lock); whoever awaits it gets the error. A start that is given up closes the worker.
 */
export interface PendingPglite {
  started: Promise<StartedPglite>;
  /** Closes the worker once it is up (when nobody will take it). */
  abandon(): Promise<void>;
}

export function beginPglite(dataDir: string, template: string | null): PendingPglite {
  const started = startPglite(dataDir, template);
  started.catch(() => {});
  return {
    started,
    abandon: () =>
      started.then(
        (pglite) => pglite.client.close(),
        () => {},
      ),
  };
}
