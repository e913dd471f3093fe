/**
 * Where a command's operation runs. On PostgreSQL: here, on a pool of our own.
 * On PGlite: inside the running `ari serve` (through its control socket) when one
 * owns the directory; otherwise here, holding the directory's lock meanwhile.
 *
 * This module stays light: a call to a running server never loads the backend (database
 * drivers, every operation: ~1.4 s of modules), and a local call on PGlite begins booting
 * PGlite in its worker thread before loading it, so the two overlap.
 */
import type { Config } from '../../config/config.js';
import { callServer } from '../../control/control-client.js';
import type { OperationInput, OperationName, OperationOutput } from '../../control/operations.js';
import { UserError } from '../../core/user-error.js';
import { acquireDataDirLock, readLockHolder, type LockHolder } from '../../db/data-dir-lock.js';
import { databaseTarget } from '../../db/database-target.js';
import { PGLITE_TEMPLATE_DIR } from '../../db/pglite-template.js';
import { beginPglite } from '../../db/start-pglite.js';
import { loadPrices } from '../../prices/load-price-file.js';

export type Via = 'server' | 'local';

export async function callOperation<K extends OperationName>(
  config: Config,
  name: K,
  input: OperationInput<K>,
): Promise<{ result: OperationOutput<K>; via: Via }> {
  const target = databaseTarget(config);
  if (target.engine === 'pglite') {
    const holder = await waitForServerOrFree(config.dataDir);
    if (holder?.socketPath) return { result: await callWithRetry(holder.socketPath, name, input), via: 'server' };
  }
  // A bad price file stops the command before anything is opened.
  const prices = loadPrices(config.pricesFile);
  if (target.engine === 'postgres') {
    const { runOperationHere } = await import('./backend.js');
    return { result: await runOperationHere({ config, target, prices }, name, input), via: 'local' };
  }
  const lock = acquireDataDirLock(config.dataDir, 'command');
  const pglite = beginPglite(target.dataDir, PGLITE_TEMPLATE_DIR);
  try {
    const { runOperationHere } = await import('./backend.js');
    const result = await runOperationHere({ config, target, prices, startedPglite: pglite.started }, name, input);
    return { result, via: 'local' };
  } finally {
    // Closed by the backend already, unless the start failed before it took the database.
    await pglite.abandon();
    lock.release();
  }
}

/** A server answers on its socket; another short command is waited for (up to 20 s). */
async function waitForServerOrFree(dataDir: string): Promise<LockHolder | null> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const holder = readLockHolder(dataDir);
    if (!holder || holder.role === 'serve') return holder;
    if (Date.now() > deadline) {
      throw new UserError(`the data directory ${dataDir} is busy (pid ${holder.pid}, ari ${holder.role})`, 'locked');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The server may still be starting (lock taken, socket not yet listening). */
async function callWithRetry<K extends OperationName>(
  socketPath: string,
  name: K,
  input: OperationInput<K>,
): Promise<OperationOutput<K>> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      return await callServer(socketPath, name, input);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ECONNREFUSED') || Date.now() > deadline) {
        if (code === 'ENOENT' || code === 'ECONNREFUSED') {
          throw new UserError(`the running ARI server does not answer on ${socketPath}`, 'unavailable');
        }
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
