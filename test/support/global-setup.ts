/**
 * Runs once per `vitest run`: makes one migrated PGlite directory that tests copy
 * (from the build's template; creating one costs ~6 s and ~1 GB, copying milliseconds), and, when
 * TEST_DATABASE_URL is set, checks the PostgreSQL server answers; when it is not, says
 * so once: the storage tests then ran on PGlite only.
 */
import fs from 'node:fs';
import pg from 'pg';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../src/db/migrations.js';
import { openDatabase } from '../../src/db/open-database.js';

export default async function setup(project: TestProject): Promise<() => void> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect().catch((error: Error) => {
      throw new Error(`TEST_DATABASE_URL does not answer: ${error.message}`);
    });
    await client.end();
  } else {
    process.stdout.write(
      'PostgreSQL tests not run: set TEST_DATABASE_URL=postgres://user@host:5432/postgres (a server where the user may create databases) to run every storage test on PostgreSQL too.\n',
    );
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ari-test-'));
  const template = path.join(root, 'template', 'pglite');
  const target = { engine: 'pglite' as const, dataDir: template };
  // `npm test` builds first, and the build makes a migrated template (dist/pglite-template):
  // copy it rather than run initdb again; a missing or stale one falls back to initdb.
  const database = await openDatabase(target, { pgliteTemplate: path.resolve('dist/pglite-template') });
  await applyMigrations(database, target);
  await database.close();
  project.provide('pgliteTemplate', template);
  project.provide('testRoot', root);
  return () => fs.rmSync(root, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    testRoot: string;
  }
}
