/**
 * Statements of one transaction that do not depend on each other, sent together: on PGlite
 * each is one hop to its thread fewer than awaiting them one by one, while the transaction
 * holds the one connection.
 *
 * Every branch settles before the first failure is reported: the transaction must not end
 * (and, on PostgreSQL, its connection go back to the pool) while a branch is about to send
 * its next statement, which would then run outside it. The failure reported is the first to
 * happen, not the "transaction is aborted" it caused in the others.
 */
export async function runTogether<T extends readonly unknown[]>(
  work: readonly [...{ [K in keyof T]: Promise<T[K]> }],
): Promise<T> {
  let first: { reason: unknown } | undefined;
  const settled = await Promise.allSettled(
    work.map((promise) =>
      promise.catch((reason: unknown) => {
        first ??= { reason };
        throw reason;
      }),
    ),
  );
  if (first) throw first.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
