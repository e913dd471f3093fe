/**
 * `ari backup <file>`. PGlite: a gzipped tarball of the data directory, taken by the
 * process that owns it (inside `ari serve` over the control socket, or the command
 * under the directory lock) between two queries, after a checkpoint — a
 * crash-consistent copy that PostgreSQL recovers like a restart after a crash, so
 * every committed transaction is in it and no uncommitted one. PostgreSQL:
 * `pg_dump --format=custom`, which must be on PATH. Written to `<file>.partial`
 * first and renamed, so a failed backup never leaves a truncated file under the name.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { UserError } from '../core/user-error.js';
import type { Database, DatabaseTarget } from './open-database.js';

export interface BackupResult {
  file: string;
  engine: Database['engine'];
  bytes: number;
}

export async function backupDatabase(database: Database, target: DatabaseTarget, file: string): Promise<BackupResult> {
  if (fs.existsSync(file)) throw new UserError(`${file} already exists: choose a new file name`);
  const partial = `${file}.partial`;
  try {
    if (target.engine === 'pglite') {
      const tarball = await database.dumpDataDir!();
      fs.writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()), { mode: 0o600 });
    } else {
      await runTool('pg_dump', ['--format=custom', '--no-owner', `--file=${partial}`, `--dbname=${target.url}`]);
    }
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return { file, engine: target.engine, bytes: fs.statSync(file).size };
}

/** Runs pg_dump/pg_restore; refuses clearly when it is not installed. */
export function runTool(tool: 'pg_dump' | 'pg_restore', args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new UserError(
              `${tool} is not on PATH: install the PostgreSQL client tools (the same major version as the server) to back up or restore PostgreSQL`,
            )
          : error,
      ),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new UserError(`${tool} failed (exit ${code}): ${stderr.trim().split('\n').at(-1) ?? ''}`)),
    );
  });
}
