/**
 * Runs a transaction again when PostgreSQL aborted it for a deadlock or a serialization
 * failure: it rolled back whole, so running it again is safe. Ordinary traffic takes its locks
 * in one order and cannot deadlock; this is for the rare writes that cannot (a booking moved,
 * an identity change met by a reconciliation ingest). `onRetry` says it in the log.
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

/** SQLSTATE 40P01 (deadlock) or 40001 (serialization), however deep drizzle wrapped it. */
function isDeadlock(error: unknown): boolean {
  for (let e: unknown = error; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (code === '40P01' || code === '40001') return true;
    if (!('cause' in e)) break;
  }
  return false;
}
