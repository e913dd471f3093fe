import type { AriDatabase, AriTransaction } from './open-database.js';

/**
 * Runs a transaction again when PostgreSQL aborted it for a deadlock or a serialization
 * failure: it rolled back whole, so running it again is safe. Ordinary traffic takes its locks
 * in one order and cannot deadlock; this is for the rare writes that cannot (a booking moved,
 * an identity change met by a reconciliation ingest). `onRetry` says it in the log.
 *
 * Not for a savepoint (`tx.transaction` inside an outer transaction): rolling back to it keeps
 * every lock the outer transaction took, so a retry waits in the same circle; the outer
 * transaction must fail and be retried whole. `transactionWithRetry` tells the two apart.
 */
export async function retryOnDeadlock<T>(
  work: () => Promise<T>,
  onRetry?: (error: unknown, attempt: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 3 || !isDeadlock(error)) throw error;
      onRetry?.(error, attempt);
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

/**
 * `db.transaction(work)`, retried on a deadlock when it is a transaction of its own; run once
 * when `db` is already a transaction (a savepoint: the caller's transaction is what fails).
 */
export function transactionWithRetry<T>(
  db: AriDatabase | AriTransaction,
  work: (tx: AriTransaction) => Promise<T>,
): Promise<T> {
  if (isTransaction(db)) return db.transaction(work);
  return retryOnDeadlock(() => db.transaction(work));
}

/** Drizzle's transactions (and only they) can roll back. */
function isTransaction(db: AriDatabase | AriTransaction): db is AriTransaction {
  return 'rollback' in db && typeof db.rollback === 'function';
}

/** SQLSTATE 40P01 (deadlock) or 40001 (serialization), however deep drizzle wrapped it. */
function isDeadlock(error: unknown): boolean {
  for (let e: unknown = error; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (code === '40P01' || code === '40001') return true;
    if (!('cause' in e)) break;
  }
  return false;
}
