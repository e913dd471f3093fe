/**
 * Runs once per `vitest run`: builds one migrated PGlite directory that tests copy
 * (creating one costs ~6 s and ~1 GB; copying costs milliseconds), and, when
 * TEST_DATABASE_URL is set, checks the PostgreSQL server answers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../src/db/migrations.js';
import { openDatabase } from '../../src/db/open-database.js';

export default async function setup(project: TestProject): Promise<() => void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ari-test-'));
  const template = path.join(root, 'template', 'pglite');
  const target = { engine: 'pglite' as const, dataDir: template };
  const database = await openDatabase(target);
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
