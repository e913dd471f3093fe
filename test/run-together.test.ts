import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTogether } from '../src/db/run-together.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/test-database.js';

// Statements of one transaction sent together (the reply's commit): a failure in one branch
// undoes everything, including what the other branch sends after it.
describe.each(ENGINES)('statements sent together in a transaction on %s', (engine) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase(engine);
    await test.database.query('create table together_probe (id int primary key)');
  });
  afterAll(() => test.dispose());

  const count = async () =>
    (await test.database.query<{ n: number }>('select count(*)::int as n from together_probe'))[0]!.n;

  it('commits both branches', async () => {
    const ids = await test.database.db.transaction((tx) =>
      runTogether(engine, [
        () => tx.execute(sql`insert into together_probe values (1) returning id`).then(() => 1),
        () => tx.execute(sql`insert into together_probe values (2) returning id`).then(() => 2),
      ]),
    );
    expect(ids).toEqual([1, 2]);
    expect(await count()).toBe(2);
  });

  it("reports the first failure and keeps nothing, not even the other branch's later statements", async () => {
    const before = await count();
    const failed: unknown = await test.database.db
      .transaction((tx) =>
        runTogether(engine, [
          // Fails after a moment: id 1 exists.
          () =>
            tx.execute(sql`select pg_sleep(0.05)`).then(() => tx.execute(sql`insert into together_probe values (1)`)),
          // Sends its next statement later (its own work in between): that statement must not
          // run after the transaction ended — on PostgreSQL, on a connection back in the pool.
          async () => {
            await new Promise((resolve) => setTimeout(resolve, 150));
            await tx.execute(sql`insert into together_probe values (3)`);
          },
        ]),
      )
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(Error);
    const { cause } = failed as { cause?: { code?: string } };
    expect(cause?.code).toBe('23505');
    // Give a statement that escaped the transaction time to land before looking.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await count()).toBe(before);
    expect(await test.database.query('select id from together_probe where id = 3')).toEqual([]);
  });
});
