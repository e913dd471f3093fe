import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { parseDocument } from '../core/parse-input.js';
import type { AriDatabase } from '../db/open-database.js';
import { bookingAvailability } from '../db/schema.js';
import { lockResource } from './lock-resource.js';
import { weeklyAvailabilityInput } from './resource-input.js';
import type { WeeklyWindow } from './slot.js';

/**
 * Replaces a resource's weekly hours as a whole (what an editor saves), in the workspace's
 * zone. Every problem is reported at once and nothing changes; overlapping windows on one
 * weekday are refused rather than merged behind the user's back.
 */
export async function setWeeklyAvailability(
  db: AriDatabase,
  workspaceId: string,
  resourceId: string,
  windows: z.input<typeof weeklyAvailabilityInput>,
): Promise<WeeklyWindow[]> {
  const values = parseDocument(weeklyAvailabilityInput, windows, 'the weekly availability');
  return db.transaction(async (tx) => {
    await lockResource(tx, workspaceId, resourceId);
    await tx
      .delete(bookingAvailability)
      .where(and(eq(bookingAvailability.workspaceId, workspaceId), eq(bookingAvailability.resourceId, resourceId)));
    if (values.length > 0) {
      await tx.insert(bookingAvailability).values(values.map((w) => ({ ...w, workspaceId, resourceId })));
    }
    return [...values].sort((a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime));
  });
}
