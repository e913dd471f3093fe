import { sql } from 'drizzle-orm';
import type { AriTransaction } from '../db/open-database.js';
import { BOOKING_SEAT_MINUTES, bookingSeats } from '../db/schema.js';

export interface SeatClaim {
  workspaceId: string;
  resourceId: string;
  bookingId: string;
  /** The booking's start. */
  from: Date;
  /** Its end plus the resource's buffer. */
  to: Date;
  capacity: number;
}

/**
 * Takes one seat (1..capacity) at every step of [from, to) for the booking, or reports that a
 * step is full. Inserts go in (time, seat) order in every transaction, so two bookers wait on
 * each other (the second sees the first's rows once it commits) and never deadlock. The caller
 * rolls back on false: a partial claim must not survive.
 */
export async function claimSeats(tx: AriTransaction, claim: SeatClaim): Promise<boolean> {
  const stepMs = BOOKING_SEAT_MINUTES * 60_000;
  for (let at = claim.from.getTime(); at < claim.to.getTime(); at += stepMs) {
    let claimed = false;
    for (let seat = 1; seat <= claim.capacity && !claimed; seat++) {
      const rows = await tx
        .insert(bookingSeats)
        .values({
          resourceId: claim.resourceId,
          at: new Date(at),
          seat,
          workspaceId: claim.workspaceId,
          bookingId: claim.bookingId,
        })
        .onConflictDoNothing()
        .returning({ seat: bookingSeats.seat });
      claimed = rows.length > 0;
    }
    if (!claimed) return false;
  }
  return true;
}

/** Frees a booking's seats (cancelled, or moved away). */
export async function releaseSeats(tx: AriTransaction, workspaceId: string, bookingId: string): Promise<void> {
  await tx
    .delete(bookingSeats)
    .where(sql`${bookingSeats.workspaceId} = ${workspaceId} and ${bookingSeats.bookingId} = ${bookingId}`);
}
