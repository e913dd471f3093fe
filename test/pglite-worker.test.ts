import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREPARED_STATEMENT_LIMIT } from '../src/db/open-pglite-worker.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

// PGlite runs in a worker thread behind a priority gate: the thread that serves webhooks
// stays free while statements run, and a webhook's commit goes before queued reply work.
describe('PGlite in a worker thread', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase('pglite');
  });
  afterAll(() => test.dispose());

  it('leaves the event loop free while a statement runs', async () => {
    const order: string[] = [];
    const statement = test.database.query('select pg_sleep(0.5)').then(() => order.push('statement'));
    await new Promise((resolve) => setTimeout(resolve, 20)).then(() => order.push('timer'));
    await statement;
    expect(order).toEqual(['timer', 'statement']);
  });

  it('runs urgent work before queued background statements, after the running one', async () => {
    const { database } = test;
    const order: string[] = [];
    const background = Array.from({ length: 4 }, (_, i) =>
      database.query('select pg_sleep(0.05)').then(() => order.push(`background ${i}`)),
    );
    const urgent = database
      .urgent(() => database.db.transaction((tx) => tx.execute(sql`select 1`)))
      .then(() => order.push('urgent'));
    await Promise.all([...background, urgent]);
    expect(order).toEqual(['background 0', 'urgent', 'background 1', 'background 2', 'background 3']);
  });

  it('rolls a failed transaction back and reports the SQLSTATE and constraint of the error', async () => {
    const { database } = test;
    await database.query('create table worker_probe (id int primary key)');
    const failed = await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into worker_probe values (1)`);
        await tx.execute(sql`insert into worker_probe values (1)`);
      })
      .catch((error: unknown) => error as Error & { cause?: { code?: string; constraint?: string } });
    expect(failed).toBeInstanceOf(Error);
    expect(failed?.cause).toMatchObject({ code: '23505', constraint: 'worker_probe_pkey' });
    expect(await database.query('select count(*)::int as n from worker_probe')).toEqual([{ n: 0 }]);
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into worker_probe values (2)`);
    });
    // drizzle's own parsers (timestamps left as text) reach the worker too.
    const result = (await database.db.execute(sql`select id, now() as at from worker_probe`)) as unknown as {
      rows: unknown[];
    };
    expect(result.rows).toEqual([{ id: 2, at: expect.any(String) }]);
  });

  // A transaction begins with its first statement (one message to the worker, not two).
  it('begins a transaction with its first statement, also when statements are sent together or not at all', async () => {
    const { database } = test;
    await database.query('create table worker_begin (id int primary key)');
    expect(await database.db.transaction(async () => 'nothing to write')).toBe('nothing to write');
    // Sent together, before the first has begun the transaction: both run inside it, and
    // the second's failure undoes the first.
    const together = await database.db
      .transaction(async (tx) => {
        await Promise.all([
          tx.execute(sql`insert into worker_begin values (1)`),
          tx.execute(sql`insert into worker_begin values (1)`),
        ]);
      })
      .catch((error: unknown) => error);
    expect(together).toBeInstanceOf(Error);
    expect(await database.query('select count(*)::int as n from worker_begin')).toEqual([{ n: 0 }]);
    await database.db.transaction(async (tx) => {
      await Promise.all([
        tx.execute(sql`insert into worker_begin values (2)`),
        tx.execute(sql`insert into worker_begin values (3)`),
      ]);
    });
    expect(await database.query('select id from worker_begin order by id')).toEqual([{ id: 2 }, { id: 3 }]);
  });

  it('refuses a statement on a transaction that has ended, and keeps answering', async () => {
    const { database } = test;
    let kept: Parameters<Parameters<typeof database.db.transaction>[0]>[0] | undefined;
    await database.db.transaction(async (tx) => {
      kept = tx; // never used inside: the statement below would be the transaction's first
    });
    const late: unknown = await kept!.execute(sql`select 1`).catch((error: unknown) => error);
    expect(late).toBeInstanceOf(Error);
    const { message, cause } = late as Error & { cause?: Error };
    expect(cause?.message ?? message).toMatch(/Transaction is closed/);
    // Had it begun a transaction nobody ends, PGlite would wait for it forever.
    expect(await database.query('select 2 as n')).toEqual([{ n: 2 }]);
  });

  // Statements run prepared: parsed and planned once per text, then bind + execute in one message.
  describe('prepared statements', () => {
    const preparedCount = async (text: string) =>
      (
        await test.database.query<{ n: number }>(
          'select count(*)::int as n from pg_prepared_statements where statement = $1',
          [text],
        )
      )[0]!.n;

    it('prepares a statement text once and runs it again with new values', async () => {
      const text = 'select $1::int + 1 as next';
      for (const n of [1, 2, 3]) expect(await test.database.query(text, [n])).toEqual([{ next: n + 1 }]);
      expect(await preparedCount(text)).toBe(1);
    });

    it("gives the rows PGlite's own query() gives, in both row modes and with types left as text", async () => {
      const text = `select 7::int8 as big, 1.50::numeric as amount, '2026-01-02 03:04:05+00'::timestamptz as at,
        '{"a":[1,2]}'::jsonb as doc, array[1,2] as list, true as yes, null::text as nothing, $1::text as echoed,
        $2::jsonb as param_doc, $3::timestamptz as param_at`;
      const params = ['hi', JSON.stringify({ b: 1 }), new Date('2026-03-04T05:06:07Z')];
      const reference = await PGlite.create();
      try {
        for (const options of [
          undefined,
          { rowMode: 'array' as const },
          { rowMode: 'array' as const, parsers: { 1184: (value: string) => value } },
        ]) {
          const expected = await reference.query(text, params, options);
          const worker = await workerClient().query(text, params, options);
          expect(worker.rows).toEqual(expected.rows);
          expect(worker.fields).toEqual(expected.fields);
        }
        const write = 'insert into worker_rows values ($1), ($2)';
        await reference.exec('create table worker_rows (id int)');
        await test.database.query('create table worker_rows (id int)');
        expect((await workerClient().query(write, [1, 2])).affectedRows).toBe(
          (await reference.query(write, [1, 2])).affectedRows,
        );
      } finally {
        await reference.close();
      }
    });

    it('closes the least recently used statements past its limit', async () => {
      const kept = 'select 0 as kept';
      await test.database.query(kept);
      for (let i = 1; i <= PREPARED_STATEMENT_LIMIT + 20; i++) {
        await test.database.query(`select ${i} as n`);
        if (i % 50 === 0) await test.database.query(kept); // used again: stays prepared
      }
      const [prepared] = await test.database.query<{ n: number }>(
        'select count(*)::int as n from pg_prepared_statements where not from_sql',
      );
      expect(prepared?.n).toBeLessThanOrEqual(PREPARED_STATEMENT_LIMIT);
      expect(await preparedCount(kept)).toBe(1);
      expect(await preparedCount('select 1 as n')).toBe(0);
      expect(await test.database.query('select 1 as n')).toEqual([{ n: 1 }]);
    });

    it('prepares statements again after the schema changed under them', async () => {
      const { database } = test;
      await database.query('create table worker_altered (id int)');
      await database.query('insert into worker_altered values (1)');
      const text = 'select * from worker_altered';
      expect(await database.query(text)).toEqual([{ id: 1 }]);
      await database.query('alter table worker_altered add column label text default $$one$$');
      expect(await database.query(text)).toEqual([{ id: 1, label: 'one' }]);
      // Also inside a transaction, where an error would abort it.
      await database.query('alter table worker_altered add column size int default 2');
      const inTransaction = await database.db.transaction((tx) => tx.execute(sql.raw(text)));
      expect((inTransaction as unknown as { rows: unknown[] }).rows).toEqual([{ id: 1, label: 'one', size: 2 }]);
      // A change the worker cannot see (inside a DO block): reported once, then prepared again.
      await database.db.execute(sql.raw('do $$ begin alter table worker_altered drop column size; end $$'));
      const failed = await database.query(text).catch((error: unknown) => error as Error & { code?: string });
      expect(failed).toMatchObject({ code: '0A000' });
      expect(await database.query(text)).toEqual([{ id: 1, label: 'one' }]);
    });

    it('keeps statements prepared across batches that change no schema, and closes them after one that does', async () => {
      const { database } = test;
      const text = 'select $1::int * 2 as twice';
      expect(await database.query(text, [2])).toEqual([{ twice: 4 }]);
      // Batches (several statements, no parameters) go through exec, as pg-boss's maintenance does.
      await database.query('select 1; select 2');
      expect(await preparedCount(text)).toBe(1);
      await database.query('create table worker_batch (id int); select 1');
      expect(await preparedCount(text)).toBe(0);
      expect(await database.query(text, [3])).toEqual([{ twice: 6 }]);
    });

    it('reports an error of a kind a changed table also gives (0A000) once, and keeps answering', async () => {
      // "FULL JOIN is only supported with merge-joinable or hash-joinable join conditions".
      const failed = await test.database
        .query('select * from (values ($1::int)) a(x) full join (values (1)) b(y) on a.x < b.y', [1])
        .catch((error: unknown) => error as Error & { code?: string });
      expect(failed).toMatchObject({ code: '0A000' });
      expect(await test.database.query('select 4 as n')).toEqual([{ n: 4 }]);
    });

    it('reports a statement that does not parse, and prepares nothing for it', async () => {
      const text = 'selec 1';
      const failed = await test.database.query(text).catch((error: unknown) => error as Error & { code?: string });
      expect(failed).toMatchObject({ code: '42601' });
      expect(await preparedCount(text)).toBe(0);
      expect(await test.database.query('select 3 as n')).toEqual([{ n: 3 }]);
    });
  });

  /** The worker's own client, under the database's priority gate (drizzle's options reach it as they are). */
  function workerClient(): Pick<PGlite, 'query'> {
    return (test.database.db as unknown as { $client: Pick<PGlite, 'query'> }).$client;
  }
});
