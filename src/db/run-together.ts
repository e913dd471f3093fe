import type { Engine } from './open-database.js';

/**
 * Statements of one transaction that do not depend on each other. On PGlite they are sent
 * together: each is one hop to its thread fewer than awaiting them one by one, while the
 * transaction holds the one connection. On PostgreSQL they run one after another — a
 * connection runs one statement at a time anyway, and node-postgres deprecates queueing
 * several on one client.
 *
 * Every branch settles before the first failure is reported: the transaction must not end
 * (and its connection go back to a pool) while a branch is about to send its next statement,
 * which would then run outside it. The failure reported is the first to happen, not the
 * "transaction is aborted" it caused in the others.
 */
export async function runTogether<T extends readonly unknown[]>(
  engine: Engine,
  work: readonly [...{ [K in keyof T]: () => Promise<T[K]> }],
): Promise<T> {
  if (engine !== 'pglite') {
    const results: unknown[] = [];
    for (const branch of work) results.push(await branch());
    return results as unknown as T;
  }
  let first: { reason: unknown } | undefined;
  const settled = await Promise.allSettled(
    work.map((branch) =>
      branch().catch((reason: unknown) => {
        first ??= { reason };
        throw reason;
      }),
    ),
  );
  if (first) throw first.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
