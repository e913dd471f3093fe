import { and, eq, sql } from 'drizzle-orm';
import { parseInput } from '../core/parse-input.js';
import type { AriDatabase } from '../db/open-database.js';
import { bookingResources } from '../db/schema.js';
import type { BookingResource } from './booking-rules.js';
import { lockResource } from './lock-resource.js';
import { type UpdateResourceInput, updateResourceInput } from './resource-input.js';

/**
 * Changes a resource's rules. Bookings already made keep their times and seats: a shorter
 * slot or a new buffer shapes only the slots offered from now on (booking_seats still
 * refuses any overlap with the old ones).
 */
export async function updateBookingResource(
  db: AriDatabase,
  workspaceId: string,
  resourceId: string,
  input: UpdateResourceInput,
): Promise<BookingResource> {
  const values = parseInput(updateResourceInput, input);
  return db.transaction(async (tx) => {
    await lockResource(tx, workspaceId, resourceId);
    const [resource] = await tx
      .update(bookingResources)
      .set({ ...values, updatedAt: sql`now()` })
      .where(and(eq(bookingResources.workspaceId, workspaceId), eq(bookingResources.id, resourceId)))
      .returning();
    return resource!;
  });
}
