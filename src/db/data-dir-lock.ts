/**
 * PGlite has no lock of its own, and two processes writing one data directory
 * corrupt it. The owner writes `ari.pid` with O_EXCL (the way postmaster.pid
 * works); a pid file left by a dead process is stale and is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/user-error.js';

export interface LockHolder {
  pid: number;
  /** What holds it: `serve` answers on its control socket; other commands do not. */
  role: 'serve' | 'command';
  socketPath: string | null;
  startedAt: string;
}

export interface DataDirLock {
  holder: LockHolder;
  release(): void;
}

export const LOCK_FILE = 'ari.pid';

export function lockPath(dataDir: string): string {
  return path.join(dataDir, LOCK_FILE);
}

/** The live process holding the directory, or null when it is free (or the holder died). */
export function readLockHolder(dataDir: string): LockHolder | null {
  let text: string;
  try {
    text = fs.readFileSync(lockPath(dataDir), 'utf8');
  } catch {
    return null;
  }
  let holder: LockHolder;
  try {
    holder = JSON.parse(text) as LockHolder;
  } catch {
    // Being written by a starting process: held. Left empty by a crash long ago: stale.
    const modified = fs.statSync(lockPath(dataDir), { throwIfNoEntry: false })?.mtimeMs ?? 0;
    const ageMs = Date.now() - modified;
    return ageMs < 5000 ? { pid: -1, role: 'command', socketPath: null, startedAt: '' } : null;
  }
  return isAlive(holder.pid) && holder.pid !== process.pid ? holder : null;
}

export function acquireDataDirLock(
  dataDir: string,
  role: LockHolder['role'],
  socketPath: string | null = null,
): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = lockPath(dataDir);
  const holder: LockHolder = { pid: process.pid, role, socketPath, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, JSON.stringify(holder));
      fs.closeSync(fd);
      let released = false;
      return {
        holder,
        release() {
          if (released) return;
          released = true;
          // Only remove our own file (a later owner may have replaced a stale one).
          try {
            const current = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
            if (current.pid === process.pid) fs.unlinkSync(file);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const live = readLockHolder(dataDir);
      if (live) {
        throw new UserError(
          `the data directory ${dataDir} is in use by another ARI process (pid ${live.pid}, ari ${live.role}); ` +
            'stop it first, or point ARI_DATA_DIR elsewhere',
          'locked',
        );
      }
      // Stale: its owner is gone. Remove and try again.
      fs.rmSync(file, { force: true });
    }
  }
  throw new UserError(`could not lock the data directory ${dataDir}`, 'locked');
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
