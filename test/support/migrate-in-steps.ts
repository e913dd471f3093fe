/**
 * A database made by the migrations before a given one, to put rows in the shape an
 * older ARI wrote them, then brought current: how a migration is tested against old
 * rows. Migrations are found by name, not number (they are renumbered when branches merge).
 */
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_FOLDER } from '../../src/db/migrations.js';
import { openDatabase, type DatabaseTarget, type Engine } from '../../src/db/open-database.js';
import { createPostgresDatabase, emptyDataDir, type TestDatabase } from './test-database.js';

export function migrationFiles(): string[] {
  return fs
    .readdirSync(MIGRATIONS_FOLDER)
    .filter((name) => name.endsWith('.sql'))
    .sort();
}

/** The statements of the migration whose file name ends with `suffix` (e.g. `_camelcase_settings.sql`). */
export function migrationStatements(suffix: string): string[] {
  const file = migrationFiles().find((name) => name.endsWith(suffix));
  if (!file) throw new Error(`no *${suffix} migration`);
  return statementsOf(file);
}

function statementsOf(file: string): string[] {
  return fs
    .readFileSync(path.join(MIGRATIONS_FOLDER, file), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface SteppedDatabase extends TestDatabase {
  /** Runs the migrations from the one ending with `suffix` on (all that are left when omitted). */
  migrate(options?: { from?: string; only?: boolean }): Promise<void>;
}

/** A fresh database holding the schema every migration before `suffix` made. */
export async function createDatabaseBefore(engine: Engine, suffix: string): Promise<SteppedDatabase> {
  const files = migrationFiles();
  const cut = files.findIndex((name) => name.endsWith(suffix));
  if (cut < 0) throw new Error(`no *${suffix} migration`);
  let target: DatabaseTarget;
  let cleanUp: () => Promise<void>;
  if (engine === 'pglite') {
    const dataDir = emptyDataDir();
    target = { engine: 'pglite', dataDir: path.join(dataDir, 'pglite') };
    cleanUp = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  } else {
    const created = await createPostgresDatabase();
    target = { engine: 'postgres', url: created.url };
    cleanUp = created.drop;
  }
  const database = await openDatabase(target);
  const run = async (names: string[]) => {
    for (const name of names) for (const statement of statementsOf(name)) await database.query(statement);
  };
  await run(files.slice(0, cut));
  let next = cut;
  return {
    database,
    target,
    async migrate(options = {}) {
      const from = options.from ? files.findIndex((name) => name.endsWith(options.from!)) : next;
      if (from < 0) throw new Error(`no *${options.from} migration`);
      const until = options.only ? from + 1 : files.length;
      await run(files.slice(from, until));
      next = Math.max(next, until);
    },
    async dispose() {
      await database.close();
      await cleanUp();
    },
  };
}
