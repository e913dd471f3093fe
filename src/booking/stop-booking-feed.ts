import { and, eq, sql } from 'drizzle-orm';
import { UserError } from '../core/user-error.js';
import type { AriDatabase } from '../db/open-database.js';
import { bookingResources } from '../db/schema.js';

/** Turns a resource's ICS feed off: its URL stops working the moment this commits (rotate-booking-feed.ts makes a new one). */
export async function stopBookingFeed(db: AriDatabase, workspaceId: string, resourceId: string): Promise<void> {
  const [updated] = await db
    .update(bookingResources)
    .set({ feedTokenHash: null, updatedAt: sql`now()` })
    .where(and(eq(bookingResources.workspaceId, workspaceId), eq(bookingResources.id, resourceId)))
    .returning({ id: bookingResources.id });
  if (!updated) throw new UserError(`no booking resource ${resourceId} in this workspace`, 'not_found');
}
