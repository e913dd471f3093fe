/**
 * Revokes a key: from the next request on it gets 401 (every request reads the
 * key's row, nothing is cached). Revoking twice is harmless; the first time stays.
 */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../core/parse-input.js';
import { UserError } from '../core/user-error.js';
import type { AriDatabase } from '../db/open-database.js';
import { apiKeys } from '../db/schema.js';

const revokeApiKeyInput = z.object({ id: z.string().uuid('a key id is a UUID (see ari token list)') }).strict();

/** `workspaceId` scopes the revocation (an owner revokes its own workspace's keys only). */
export async function revokeApiKey(db: AriDatabase, input: { id: string }, workspaceId?: string) {
  const { id } = parseInput(revokeApiKeyInput, input);
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
    .where(and(eq(apiKeys.id, id), workspaceId ? eq(apiKeys.workspaceId, workspaceId) : undefined))
    .returning({ id: apiKeys.id, name: apiKeys.name, role: apiKeys.role, revokedAt: apiKeys.revokedAt });
  if (!row) throw new UserError(`no API key with id ${id}`, 'not_found');
  return row;
}
