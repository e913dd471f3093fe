import { and, eq } from 'drizzle-orm';
import { UserError } from '../core/user-error.js';
import type { AriDatabase } from '../db/open-database.js';
import { bookingExceptions } from '../db/schema.js';
import { lockResource } from './lock-resource.js';

/** Takes back days off of a resource (its slots on those days are offered again), or not_found. */
export async function removeDaysOff(
  db: AriDatabase,
  workspaceId: string,
  resourceId: string,
  daysOffId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockResource(tx, workspaceId, resourceId);
    const removed = await tx
      .delete(bookingExceptions)
      .where(
        and(
          eq(bookingExceptions.workspaceId, workspaceId),
          eq(bookingExceptions.resourceId, resourceId),
          eq(bookingExceptions.id, daysOffId),
        ),
      )
      .returning({ id: bookingExceptions.id });
    if (removed.length === 0) throw new UserError(`no days off ${daysOffId} for this resource`, 'not_found');
  });
}
