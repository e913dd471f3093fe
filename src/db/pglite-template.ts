/**
 * Where the build puts a migrated PGlite data directory (`dist/pglite-template`, with
 * the job queue's schema), and the stamp that says what it was built with: a first
 * start copies it instead of running initdb, but only when it was built by this
 * PGlite and pg-boss with these migrations.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { MIGRATIONS_FOLDER } from './migrations-folder.js';

/** dist/pglite-template next to dist/db; under src/ (tests run through tsx) it does not exist. */
export const PGLITE_TEMPLATE_DIR = fileURLToPath(new URL('../pglite-template', import.meta.url));

export interface PgliteTemplateStamp {
  /** The @electric-sql/pglite version: a data directory is only valid for the PGlite that wrote it. */
  pglite: string;
  /** The pg-boss version: its schema (the job queue's tables) is in the template too. */
  pgBoss: string;
  /** A hash of the migrations applied, in order. */
  migrations: string;
}

export const templateDataDir = (templateDir: string) => path.join(templateDir, 'pgdata');
export const templateStampFile = (templateDir: string) => path.join(templateDir, 'stamp.json');

export function currentTemplateStamp(): PgliteTemplateStamp {
  const hashes = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((m) => m.hash);
  return {
    pglite: installedVersion('@electric-sql/pglite'),
    pgBoss: installedVersion('pg-boss'),
    migrations: crypto.createHash('sha256').update(hashes.join('\n')).digest('hex'),
  };
}

function installedVersion(name: string): string {
  // PGlite exports no ./package.json: walk up from the entry point.
  let dir = path.dirname(createRequire(import.meta.url).resolve(name));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === name && manifest.version) return manifest.version;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the version of ${name}`);
    dir = parent;
  }
}
