import { eq } from 'drizzle-orm';
import type { AriDatabase } from '../db/open-database.js';
import { bookingResources } from '../db/schema.js';
import type { BookingResource } from './booking-rules.js';
import { createBookingResource } from './create-booking-resource.js';
import { setWeeklyAvailability } from './set-weekly-availability.js';

/** Monday to Friday, 09:00–12:00 and 13:00–17:00 in the workspace's zone. */
export const WEEKDAY_OFFICE_HOURS = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, startTime: '09:00', endTime: '12:00' },
  { weekday, startTime: '13:00', endTime: '17:00' },
]);

/**
 * One consultant with office hours for a workspace that has no resource yet (the demo), so
 * booking works out of the box; a workspace that has resources is left as it is.
 */
export async function ensureDefaultConsultant(
  db: AriDatabase,
  workspaceId: string,
  name = 'Konsultan',
): Promise<BookingResource | null> {
  const [existing] = await db
    .select({ id: bookingResources.id })
    .from(bookingResources)
    .where(eq(bookingResources.workspaceId, workspaceId))
    .limit(1);
  if (existing) return null;
  const consultant = await createBookingResource(db, workspaceId, { name });
  await setWeeklyAvailability(db, workspaceId, consultant.id, WEEKDAY_OFFICE_HOURS);
  return consultant;
}
