/**
 * Fresh databases for tests: a copy of the migrated PGlite template, or a new
 * PostgreSQL database (named ari_test_…) on TEST_DATABASE_URL's server, dropped after.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { applyMigrations } from '../../src/db/migrations.js';
import { openDatabase, type Database, type DatabaseTarget, type Engine } from '../../src/db/open-database.js';

export interface TestDatabase {
  database: Database;
  target: DatabaseTarget;
  dispose(): Promise<void>;
}

/** The engines the storage tests run on: PGlite always, PostgreSQL when configured. */
export const ENGINES: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** A new directory holding a copy of the migrated PGlite template, as ARI_DATA_DIR expects it. */
export function freshDataDir(): string {
  const dir = path.join(inject('testRoot'), `data-${crypto.randomUUID()}`);
  fs.cpSync(inject('pgliteTemplate'), path.join(dir, 'pglite'), { recursive: true });
  return dir;
}

/** An empty directory for a fresh start (first-run behaviour). */
export function emptyDataDir(): string {
  const dir = path.join(inject('testRoot'), `empty-${crypto.randomUUID()}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const dataDir = freshDataDir();
    const target: DatabaseTarget = { engine: 'pglite', dataDir: path.join(dataDir, 'pglite') };
    const database = await openDatabase(target);
    return {
      database,
      target,
      async dispose() {
        await database.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const { url, drop } = await createPostgresDatabase();
  const target: DatabaseTarget = { engine: 'postgres', url };
  const database = await openDatabase(target);
  await applyMigrations(database, target);
  return {
    database,
    target,
    async dispose() {
      await database.close();
      await drop();
    },
  };
}

/** CREATE DATABASE <prefix>_<random> on the admin URL's server; drop() removes it. */
export async function createPostgresDatabase(
  adminUrl = process.env.TEST_DATABASE_URL,
  prefix = 'ari_test',
): Promise<{ url: string; drop(): Promise<void> }> {
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${prefix}_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
