/**
 * `ari restore <file>`: into an empty place only, so a restore never mixes with or
 * overwrites live data. PGlite: the tarball of `ari backup` unpacked into an empty
 * (or missing) data directory, opened once so PostgreSQL replays its WAL. PostgreSQL:
 * `pg_restore` into a database without ARI's tables.
 */
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { UserError } from '../core/user-error.js';
import { runTool } from './backup-database.js';
import type { DatabaseTarget } from './open-database.js';

export async function restoreDatabase(target: DatabaseTarget, file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new UserError(`${file} does not exist`);
  if (target.engine === 'pglite') {
    if (fs.existsSync(target.dataDir) && fs.readdirSync(target.dataDir).length > 0)
      throw new UserError(`${target.dataDir} is not empty: restore only into an empty data directory`);
    fs.mkdirSync(target.dataDir, { recursive: true });
    const client = await PGlite.create({ dataDir: target.dataDir, loadDataDir: new Blob([fs.readFileSync(file)]) });
    await client.close();
    return;
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const { rows } = await client.query(`select to_regclass('public.workspaces') is not null as taken`);
    if (rows[0]?.taken)
      throw new UserError('the database already holds ARI tables: restore only into an empty database');
  } finally {
    await client.end();
  }
  await runTool('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${target.url}`, file]);
}
