/**
 * `last_used_at`, cheaply: at most one write per key per minute per process, not
 * one per request, and never on the request's path (a failed write is only logged).
 */
import { eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { AriDatabase } from '../db/open-database.js';
import { apiKeys } from '../db/schema.js';

export const KEY_USE_RESOLUTION_MS = 60_000;

const lastWrites = new WeakMap<AriDatabase, Map<string, number>>();

export function recordKeyUse(db: AriDatabase, logger: Logger, keyId: string, now = Date.now()): void {
  let writes = lastWrites.get(db);
  if (!writes) {
    writes = new Map();
    lastWrites.set(db, writes);
  }
  const last = writes.get(keyId);
  if (last !== undefined && now - last < KEY_USE_RESOLUTION_MS) return;
  writes.set(keyId, now);
  db.update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(eq(apiKeys.id, keyId))
    .then(
      () => undefined,
      (error: unknown) => logger.warn({ err: error, keyId }, 'could not record the key use'),
    );
}
