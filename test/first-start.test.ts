/**
 * A first start on an empty PGlite directory copies the migrated template that
 * `npm run build` leaves in dist/pglite-template instead of running initdb in the
 * server (whose WASM heap never shrinks). The copy is a working database; a missing
 * or stale template leaves the directory to initdb, run in a child process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../src/db/migrations.js';
import { openDatabase, type DatabaseTarget } from '../src/db/open-database.js';
import { currentTemplateStamp, templateStampFile } from '../src/db/pglite-template.js';
import { seedPgliteDataDir } from '../src/db/seed-pglite-data-dir.js';
import { workspaces } from '../src/db/schema.js';
import { startFakeWhatsApp, type FakeWhatsApp } from './support/fake-whatsapp.js';
import { ARI_BIN, ariEnv, runAri, startAri, type RunningAri } from './support/run-ari.js';
import { emptyDataDir } from './support/test-database.js';
import { eventually } from './support/test-service.js';
import { KAPSO_SECRET, PHONE_ID, kapsoEvent, postKapso } from './support/webhook-payloads.js';

/** The template of the build the `ari` under test comes from (dist/, built by `npm test`). */
const BUILT_TEMPLATE = path.join(path.dirname(path.dirname(ARI_BIN)), 'pglite-template');

/** A copy of the built template with its stamp changed, as an older build would have left it. */
function staleTemplate(change: Record<string, string>): string {
  const dir = path.join(emptyDataDir(), 'template');
  fs.cpSync(BUILT_TEMPLATE, dir, { recursive: true });
  fs.writeFileSync(templateStampFile(dir), JSON.stringify({ ...currentTemplateStamp(), ...change }));
  return dir;
}

describe('the PGlite template of the build', () => {
  it('is stamped with this PGlite, pg-boss and migrations, and holds the schema without a single row', async () => {
    expect(JSON.parse(fs.readFileSync(templateStampFile(BUILT_TEMPLATE), 'utf8'))).toEqual(currentTemplateStamp());
    // An existing empty directory (a mount point, say) is filled in place.
    const target: DatabaseTarget = { engine: 'pglite', dataDir: path.join(emptyDataDir(), 'pglite') };
    fs.mkdirSync(target.dataDir);
    const database = await openDatabase(target, { pgliteTemplate: BUILT_TEMPLATE });
    try {
      expect(database.origin).toEqual({ from: 'template' });
      // 32 MB, not initdb's 128 MB: ~100 MB less resident memory in every process.
      expect(await database.query('show shared_buffers')).toEqual([{ shared_buffers: '32MB' }]);
      expect(await applyMigrations(database, target)).toMatchObject({ pending: 0 });
      // No workspace, API key, token or anything else: those belong to each installation.
      const tables = await database.query<{ name: string }>(
        `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
      );
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['workspaces', 'api_keys', 'ari_messages']));
      for (const { name } of tables) {
        const [row] = await database.query<{ n: number }>(`select count(*)::int as n from "${name}"`);
        expect({ name, rows: row!.n }).toEqual({ name, rows: 0 });
      }
      // The job queue's schema and ARI's queues are there: a first start does not create them.
      const [queues] = await database.query<{ n: number }>('select count(*)::int as n from pgboss.queue');
      expect(queues!.n).toBeGreaterThan(0);
      // A working database: a workspace can be written and read back.
      await database.db.insert(workspaces).values({ slug: 'copied', name: 'Copied', timezone: 'UTC' });
      expect(await database.db.select({ slug: workspaces.slug }).from(workspaces)).toEqual([{ slug: 'copied' }]);
    } finally {
      await database.close();
    }
  });

  it('is not used when missing or stale, which leaves the empty directory to initdb', () => {
    const dataDir = path.join(emptyDataDir(), 'pglite');
    expect(seedPgliteDataDir(dataDir, path.join(emptyDataDir(), 'nothing-here'))).toEqual({
      from: 'initdb',
      reason: expect.stringContaining('no usable template at'),
    });
    expect(seedPgliteDataDir(dataDir, staleTemplate({ pglite: '0.0.1' }))).toEqual({
      from: 'initdb',
      reason: `the template was built by PGlite 0.0.1, this is ${currentTemplateStamp().pglite}`,
    });
    expect(seedPgliteDataDir(dataDir, staleTemplate({ pgBoss: '9.0.0' }))).toEqual({
      from: 'initdb',
      reason: `the template was built by pg-boss 9.0.0, this is ${currentTemplateStamp().pgBoss}`,
    });
    expect(seedPgliteDataDir(dataDir, staleTemplate({ migrations: 'an older schema' }))).toEqual({
      from: 'initdb',
      reason: 'the template was built from other migrations',
    });
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('is never copied over an existing database, and a copy cut short is replaced', () => {
    const dataDir = path.join(emptyDataDir(), 'pglite');
    fs.mkdirSync(`${dataDir}.partial/base`, { recursive: true });
    expect(seedPgliteDataDir(dataDir, BUILT_TEMPLATE)).toEqual({ from: 'template' });
    expect(fs.existsSync(`${dataDir}.partial`)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
    fs.writeFileSync(path.join(dataDir, 'mine'), 'kept');
    expect(seedPgliteDataDir(dataDir, BUILT_TEMPLATE)).toEqual({ from: 'existing' });
    expect(fs.readFileSync(path.join(dataDir, 'mine'), 'utf8')).toBe('kept');
  });

  it('falls back to initdb in a child process when stale: the database is created and migrated as before', async () => {
    const target: DatabaseTarget = { engine: 'pglite', dataDir: path.join(emptyDataDir(), 'pglite') };
    // This worker may have run other files before: measure from now (writing 5 to clear_refs
    // resets the process's peak RSS to its current RSS).
    fs.writeFileSync('/proc/self/clear_refs', '5');
    const rssKb = (field: 'VmHWM' | 'VmRSS') =>
      Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync('/proc/self/status', 'utf8'))![1]);
    const before = rssKb('VmRSS');
    const database = await openDatabase(target, { pgliteTemplate: staleTemplate({ pglite: '0.0.1' }) });
    try {
      expect(database.origin).toMatchObject({ from: 'initdb' });
      // initdb ran in a child process: this one never grew by its ~700 MB WASM heap (reopening grows ~200 MB).
      expect((rssKb('VmHWM') - before) / 1024).toBeLessThan(450);
      expect(await applyMigrations(database, target)).toMatchObject({ pending: 0 });
      await database.db.insert(workspaces).values({ slug: 'initdb', name: 'Initdb', timezone: 'UTC' });
      expect(await database.db.select({ slug: workspaces.slug }).from(workspaces)).toEqual([{ slug: 'initdb' }]);
    } finally {
      await database.close();
    }
  }, 120_000);
});

describe('ari serve on an empty directory', () => {
  let fake: FakeWhatsApp;
  let server: RunningAri | undefined;
  beforeAll(async () => {
    fake = await startFakeWhatsApp();
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await fake?.close();
  });

  it('starts from the template, answers a message, and leaves a directory doctor and migrate accept', async () => {
    const dataDir = emptyDataDir();
    const env = ariEnv({
      ARI_DATA_DIR: dataDir,
      ARI_DEMO: '0',
      KAPSO_WEBHOOK_SECRET: KAPSO_SECRET,
      KAPSO_API_KEY: 'kapso-project-key',
      KAPSO_API_BASE_URL: fake.baseUrl,
      ARI_DEBOUNCE_MS: '100',
    });
    server = await startAri(env);
    expect(server.output()).toMatch(/"created":\{"from":"template"\}.*"msg":"database ready"/);
    const empty = await runAri(['workspace', 'list', '--json'], env);
    expect(JSON.parse(empty.stdout)).toEqual([]);

    const created = await runAri(
      ['workspace', 'create', '--name', 'First Start', '--slug', 'first-start', '--kapso-phone-id', PHONE_ID],
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    const response = await postKapso(
      server.url,
      kapsoEvent({ id: 'wamid.first-start-1', from: '+6281500000009', text: 'Halo, masih buka?' }),
    );
    expect(await response.json()).toMatchObject({ stored: 1, repliesQueued: 1 });
    await eventually(() => fake.sends().length === 1, 20_000, 'the reply');
    expect(fake.sends()[0]!.body).toMatchObject({ to: '6281500000009', type: 'text' });
    expect(await server.stop()).toBe(0);

    const doctor = await runAri(['doctor', '--json'], env);
    expect(doctor.code, doctor.stdout + doctor.stderr).toBe(0);
    const migrate = await runAri(['migrate', '--json'], env);
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(JSON.parse(migrate.stdout)).toMatchObject({ pending: 0, via: 'local' });

    // A reopen is an existing directory: nothing is copied again.
    server = await startAri(env);
    expect(server.output()).not.toContain('"created"');
    expect(await server.stop()).toBe(0);
  }, 180_000);
});
