import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { sha256Hex } from '../core/sha256-hex.js';
import { UserError } from '../core/user-error.js';
import type { AriDatabase } from '../db/open-database.js';
import { bookingResources } from '../db/schema.js';

/**
 * A new secret for a resource's ICS feed URL. Only its hash is stored, so the secret is
 * shown this once; the previous URL stops working the moment this commits.
 */
export async function rotateBookingFeed(
  db: AriDatabase,
  workspaceId: string,
  resourceId: string,
): Promise<{ token: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const [updated] = await db
    .update(bookingResources)
    .set({ feedTokenHash: sha256Hex(token), updatedAt: sql`now()` })
    .where(and(eq(bookingResources.workspaceId, workspaceId), eq(bookingResources.id, resourceId)))
    .returning({ id: bookingResources.id });
  if (!updated) throw new UserError(`no booking resource ${resourceId} in this workspace`, 'not_found');
  return { token };
}
