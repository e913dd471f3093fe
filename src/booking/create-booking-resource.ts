import { parseInput } from '../core/parse-input.js';
import type { AriDatabase } from '../db/open-database.js';
import { bookingResources } from '../db/schema.js';
import type { BookingResource } from './booking-rules.js';
import { type CreateResourceInput, createResourceInput } from './resource-input.js';

/** A new consultant or room; it offers no slots until it has weekly availability. */
export async function createBookingResource(
  db: AriDatabase,
  workspaceId: string,
  input: CreateResourceInput,
): Promise<BookingResource> {
  const values = parseInput(createResourceInput, input);
  const [resource] = await db
    .insert(bookingResources)
    .values({ ...values, workspaceId })
    .returning();
  return resource!;
}
