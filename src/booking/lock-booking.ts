import { and, eq } from 'drizzle-orm';
import { UserError } from '../core/user-error.js';
import type { AriTransaction } from '../db/open-database.js';
import { bookings } from '../db/schema.js';
import type { Booking } from './booking.js';
import { lockBookingParties } from './lock-booking-parties.js';

/**
 * The workspace's booking, locked for this transaction, or a not_found error. Its contact and
 * conversation are locked first (lock-booking-parties.ts): a booking's contact never changes,
 * so reading it before the locks is safe.
 */
export async function lockBooking(tx: AriTransaction, workspaceId: string, bookingId: string): Promise<Booking> {
  const ofBooking = and(eq(bookings.workspaceId, workspaceId), eq(bookings.id, bookingId));
  const [party] = await tx.select({ contactId: bookings.contactId }).from(bookings).where(ofBooking);
  if (!party) throw notFound(bookingId);
  await lockBookingParties(tx, workspaceId, party.contactId);
  const [booking] = await tx.select().from(bookings).where(ofBooking).for('update');
  if (!booking) throw notFound(bookingId);
  return booking;
}

function notFound(bookingId: string): UserError {
  return new UserError(`no booking ${bookingId} in this workspace`, 'not_found');
}
