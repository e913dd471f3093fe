/**
 * `ari backup` / `ari restore`: a backup taken inside the running service (as `ari serve`
 * does over its control socket), restored into an empty place (PGlite: a directory;
 * PostgreSQL: a new database, through pg_dump/pg_restore), holds every row of every
 * table; a restore refuses a place that holds data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/api-keys/create-api-key.js';
import { operations } from '../src/control/operations.js';
import { simulateMessage } from '../src/conversations/simulate-message.js';
import { openDatabase, type Database, type DatabaseTarget } from '../src/db/open-database.js';
import { restoreDatabase } from '../src/db/restore-database.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { ENGINES, createPostgresDatabase, emptyDataDir } from './support/test-database.js';
import { startTestService, type TestService } from './support/test-service.js';
import { waitForIdleQueues } from './support/wait-for-idle-queues.js';

/** Every row of every table of ARI's schemas, each table's rows in a stable order. */
async function everyRow(database: Database): Promise<Record<string, string[]>> {
  const tables = await database.query<{ name: string }>(
    `select format('%I.%I', table_schema, table_name) as name from information_schema.tables
     where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1`,
  );
  const all: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows = await database.query<{ row: string }>(`select t::text as row from ${name} t order by 1`);
    all[name] = rows.map((r) => r.row);
  }
  return all;
}

describe.each(ENGINES)('backup and restore on %s', (engine) => {
  let service: TestService;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    service = await startTestService({ ARI_DEBOUNCE_MS: '50' }, engine);
  });
  afterAll(async () => {
    await service?.stopAll();
    for (const cleanup of cleanups) await cleanup();
  });

  it('restores a populated database into an empty place with every row of every table equal', async () => {
    const db = service.ctx.database.db;
    await createWorkspace(
      db,
      { name: 'Backup Lab', slug: 'backup-lab' },
      { greetingTemplate: 'Halo, ada yang bisa dibantu?' },
    );
    await createApiKey(db, { workspace: 'backup-lab' });
    for (const [from, text] of [
      ['081200000001', 'halo kak'],
      ['081200000002', 'mau tanya biaya kursus'],
      ['081200000001', 'terima kasih'],
    ] as const)
      await simulateMessage(service.ctx, { workspace: 'backup-lab', from, text });
    await waitForIdleQueues(service.ctx.database);

    const before = await everyRow(service.ctx.database);
    const dir = emptyDataDir();
    const file = path.join(dir, 'ari.backup');
    const result = await operations.backup(service.ctx, { file });
    expect(result).toMatchObject({ file, engine });
    expect(result.bytes).toBeGreaterThan(0);
    // Nothing changed while the backup was taken (the comparison is against one state).
    expect(await everyRow(service.ctx.database)).toEqual(before);
    expect(before['public.ari_messages']!.length).toBeGreaterThanOrEqual(6);
    expect(before['public.contacts']).toHaveLength(2);
    expect(before['public.api_keys']).toHaveLength(1);

    let target: DatabaseTarget = { engine: 'pglite', dataDir: path.join(dir, 'restored', 'pglite') };
    if (engine === 'postgres') {
      const empty = await createPostgresDatabase();
      cleanups.push(empty.drop);
      target = { engine: 'postgres', url: empty.url };
    }
    await restoreDatabase(target, file);
    const restored = await openDatabase(target);
    try {
      expect(await everyRow(restored)).toEqual(before);
    } finally {
      await restored.close();
    }

    // A second restore into the now populated directory is refused, and a backup never overwrites.
    await expect(restoreDatabase(target, file)).rejects.toThrow(
      engine === 'pglite' ? /is not empty: restore only into an empty data directory/ : /already holds ARI tables/,
    );
    await expect(operations.backup(service.ctx, { file })).rejects.toThrow(/already exists/);
    expect(fs.readdirSync(dir).sort()).toEqual(engine === 'pglite' ? ['ari.backup', 'restored'] : ['ari.backup']);
  });
});
