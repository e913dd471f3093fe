/**
 * Only `ari migrate` and `ari serve` change a schema an older ARI made: any other command
 * refuses it with a clear message and changes nothing (a new, empty database is still set up).
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseTarget } from '../src/db/open-database.js';
import { ariEnv, runAri } from './support/run-ari.js';
import { createPostgresDatabase, ENGINES, freshDataDir } from './support/test-database.js';

describe.each(ENGINES)('an outdated schema on %s', (engine) => {
  const drops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  it('is refused by every command but migrate, doctor and backup, and left as it was', async () => {
    let where: Record<string, string>;
    let target: DatabaseTarget;
    if (engine === 'postgres') {
      const pg = await createPostgresDatabase();
      drops.push(pg.drop);
      where = { DATABASE_URL: pg.url };
      target = { engine: 'postgres', url: pg.url };
    } else {
      const dataDir = freshDataDir();
      where = { ARI_DATA_DIR: dataDir };
      target = { engine: 'pglite', dataDir: path.join(dataDir, 'pglite') };
    }
    const env = ariEnv({ ...where, ARI_DEMO: '0' });

    // A new, empty database is simply set up by the first command.
    const first = await runAri(['workspace', 'create', '--name', 'Old Shop', '--slug', 'old-shop'], env);
    expect(first.code, first.stderr).toBe(0);

    // As if an older ARI had made it: the newest migration is not recorded.
    const applied = async () => {
      const database = await openDatabase(target);
      try {
        return (await database.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations'))[0]!
          .n;
      } finally {
        await database.close();
      }
    };
    const database = await openDatabase(target);
    await database.query(
      'delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)',
    );
    await database.close();
    const before = await applied();

    const list = await runAri(['workspace', 'list', '--json'], env);
    expect(list.code).toBe(1);
    expect(list.stderr.trim()).toMatch(/^ari: the database at .+ is 1 migration\(s\) behind this version of ARI: /);
    expect(list.stderr).toContain('ari migrate');
    expect(await applied()).toBe(before);

    // Doctor still reports on it (and says the schema is behind) without changing it.
    const doctor = await runAri(['doctor', '--json'], env);
    expect(doctor.stdout).toMatch(/pending|migration/i);
    expect(await applied()).toBe(before);
  }, 120_000);
});
