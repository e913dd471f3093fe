/**
 * Runs a transaction again when PostgreSQL aborted it for a deadlock or a serialization
 * failure: it rolled back whole, so running it again is safe. Seat claims go in time order and
 * cannot deadlock each other; a reschedule frees its old seats first, out of that order.
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 3 || !isDeadlock(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

function isDeadlock(error: unknown): boolean {
  for (let e: unknown = error; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (code === '40P01' || code === '40001') return true;
    if (!('cause' in e)) break;
  }
  return false;
}
