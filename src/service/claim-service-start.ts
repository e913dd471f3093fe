/**
 * The first part of `ari serve`'s start, on light imports only: the price file is read,
 * the PGlite directory locked and PGlite's boot begun in its worker thread. The caller
 * loads the rest of ARI (start-service.ts, ~1.4 s of modules) while PGlite boots beside
 * it (~0.6–0.8 s) on the other core, instead of one after the other.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config/config.js';
import { UserError } from '../core/user-error.js';
import { acquireDataDirLock, readLockHolder, type DataDirLock } from '../db/data-dir-lock.js';
import { databaseTarget } from '../db/database-target.js';
import type { DatabaseTarget } from '../db/open-database.js';
import { PGLITE_TEMPLATE_DIR } from '../db/pglite-template.js';
import { beginPglite, type PendingPglite } from '../db/start-pglite.js';
import { loadPrices } from '../prices/load-price-file.js';
import type { PriceEntry } from '../prices/price-table.js';

export interface ServiceClaim {
  prices: PriceEntry[];
  target: DatabaseTarget;
  /** PGlite: the data directory's lock, the control socket's path and the booting worker. */
  pglite: { lock: DataDirLock; socketPath: string; pending: PendingPglite } | null;
  /** Gives everything back: for a start that fails before the database is taken over. */
  release(): Promise<void>;
}

export async function claimServiceStart(config: Config): Promise<ServiceClaim> {
  // A bad price file stops the start before anything is opened.
  const prices = loadPrices(config.pricesFile);
  const target = databaseTarget(config);
  if (target.engine !== 'pglite') return { prices, target, pglite: null, release: async () => {} };
  const socketPath = controlSocketPath(config.dataDir);
  const removeSocketDir = () => {
    const privateDir = path.dirname(socketPath);
    if (privateDir !== config.dataDir) fs.rmSync(privateDir, { recursive: true, force: true });
  };
  const lock = await lockForServer(config.dataDir, socketPath).catch((error: unknown) => {
    removeSocketDir();
    throw error;
  });
  const pending = beginPglite(target.dataDir, PGLITE_TEMPLATE_DIR);
  return {
    prices,
    target,
    pglite: { lock, socketPath, pending },
    async release() {
      await pending.abandon();
      removeSocketDir();
      lock.release();
    },
  };
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
