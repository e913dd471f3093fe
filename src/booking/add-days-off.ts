import type { z } from 'zod';
import { parseInput } from '../core/parse-input.js';
import type { AriDatabase } from '../db/open-database.js';
import { bookingExceptions } from '../db/schema.js';
import { lockResource } from './lock-resource.js';
import { daysOffInput } from './resource-input.js';

export type DaysOffRow = typeof bookingExceptions.$inferSelect;

/**
 * Whole local days a resource is away (a holiday, leave). Bookings already made on those days
 * stay: staff move or cancel them, the customer is not dropped silently.
 */
export async function addDaysOff(
  db: AriDatabase,
  workspaceId: string,
  resourceId: string,
  input: z.input<typeof daysOffInput>,
): Promise<DaysOffRow> {
  const values = parseInput(daysOffInput, input);
  return db.transaction(async (tx) => {
    await lockResource(tx, workspaceId, resourceId);
    const [row] = await tx
      .insert(bookingExceptions)
      .values({ ...values, workspaceId, resourceId })
      .returning();
    return row!;
  });
}
