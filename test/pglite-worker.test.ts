import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
