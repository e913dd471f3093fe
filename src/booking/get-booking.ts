import { eq } from 'drizzle-orm';
import { UserError } from '../core/user-error.js';
import type { AriDatabase } from '../db/open-database.js';
import { bookings } from '../db/schema.js';
import { type ListedBooking, selectListedBookings } from './list-bookings.js';

/** One of the workspace's bookings as a calendar shows it (with resource and contact), or not_found. */
export async function getBooking(db: AriDatabase, workspaceId: string, bookingId: string): Promise<ListedBooking> {
  const [booking] = await selectListedBookings(db, workspaceId, [eq(bookings.id, bookingId)]);
  if (!booking) throw new UserError(`no booking ${bookingId} in this workspace`, 'not_found');
  return booking;
}
