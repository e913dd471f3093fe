import { and, eq } from 'drizzle-orm';
import { UserError } from '../core/user-error.js';
import type { AriTransaction } from '../db/open-database.js';
import { bookingResources } from '../db/schema.js';
import type { BookingResource } from './booking-rules.js';

/** The workspace's resource, locked for this transaction (edits of it wait in line), or not_found. */
export async function lockResource(
  tx: AriTransaction,
  workspaceId: string,
  resourceId: string,
): Promise<BookingResource> {
  const [resource] = await tx
    .select()
    .from(bookingResources)
    .where(and(eq(bookingResources.workspaceId, workspaceId), eq(bookingResources.id, resourceId)))
    .for('update');
  if (!resource) throw new UserError(`no booking resource ${resourceId} in this workspace`, 'not_found');
  return resource;
}
