import { and, eq } from 'drizzle-orm';
import { UserError } from '../core/user-error.js';
import type { AriTransaction } from '../db/open-database.js';
import { bookings } from '../db/schema.js';
import type { Booking } from './booking.js';

/** The workspace's booking, locked for this transaction, or a not_found error. */
export async function lockBooking(tx: AriTransaction, workspaceId: string, bookingId: string): Promise<Booking> {
  const [booking] = await tx
    .select()
    .from(bookings)
    .where(and(eq(bookings.workspaceId, workspaceId), eq(bookings.id, bookingId)))
    .for('update');
  if (!booking) throw new UserError(`no booking ${bookingId} in this workspace`, 'not_found');
  return booking;
}
