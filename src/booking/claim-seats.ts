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
 * step is full. One statement per seat number: seat 1 at every step, then seat 2 at the steps
 * still missing, and so on. Every transaction takes its rows in (seat, time) order, so two
 * bookers wait on each other (the second sees the first's rows once it commits) and never
 * deadlock. The caller rolls back on false: a partial claim must not survive.
 */
export async function claimSeats(tx: AriTransaction, claim: SeatClaim): Promise<boolean> {
  const stepMs = BOOKING_SEAT_MINUTES * 60_000;
  let missing: number[] = [];
  for (let at = claim.from.getTime(); at < claim.to.getTime(); at += stepMs) missing.push(at);
  for (let seat = 1; seat <= claim.capacity && missing.length > 0; seat++) {
    const rows = await tx
      .insert(bookingSeats)
      .values(
        missing.map((at) => ({
          resourceId: claim.resourceId,
          at: new Date(at),
          seat,
          workspaceId: claim.workspaceId,
          bookingId: claim.bookingId,
        })),
      )
      .onConflictDoNothing()
      .returning({ at: bookingSeats.at });
    const seated = new Set(rows.map((row) => row.at.getTime()));
    missing = missing.filter((at) => !seated.has(at));
  }
  return missing.length === 0;
}

/** Frees a booking's seats (cancelled, or moved away). */
export async function releaseSeats(tx: AriTransaction, workspaceId: string, bookingId: string): Promise<void> {
  await tx
    .delete(bookingSeats)
    .where(sql`${bookingSeats.workspaceId} = ${workspaceId} and ${bookingSeats.bookingId} = ${bookingId}`);
}
