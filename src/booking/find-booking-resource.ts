import { and, eq, sql } from 'drizzle-orm';
import { isUuid } from '../core/is-uuid.js';
import { UserError } from '../core/user-error.js';
import type { AriDatabase } from '../db/open-database.js';
import { bookingResources } from '../db/schema.js';
import type { BookingResource } from './booking-rules.js';

/** A resource named the way people type it on the command line: its id, or its name (any case). */
export async function findBookingResource(db: AriDatabase, workspaceId: string, ref: string): Promise<BookingResource> {
  const matches = await db
    .select()
    .from(bookingResources)
    .where(
      and(
        eq(bookingResources.workspaceId, workspaceId),
        isUuid(ref) ? eq(bookingResources.id, ref) : sql`lower(${bookingResources.name}) = lower(${ref.trim()})`,
      ),
    )
    .limit(2);
  if (matches.length === 0) throw new UserError(`no booking resource "${ref}" in this workspace`, 'not_found');
  if (matches.length > 1) throw new UserError(`several booking resources are named "${ref}": name one by its id`);
  return matches[0]!;
}
