import { and, asc, eq, gt } from 'drizzle-orm';
import type { AriDatabase } from '../../db/open-database.js';
import { bookingResources, bookings } from '../../db/schema.js';
import { freeSlots } from '../free-slots.js';
import type { Slot } from '../slot.js';
import { slotAt } from '../slot-at.js';
import type { HeldBooking } from './plan-booking-turn.js';

/** More than any list offers or any wanted day needs: a resource's whole horizon. */
const ALL = 1000;

/** What a booking turn reads: the contact's upcoming booking and every active resource's free slots. */
export async function loadBookingCalendar(
  db: AriDatabase,
  args: { workspaceId: string; contactId: string; timezone: string; now: Date },
): Promise<{ held: HeldBooking | null; free: Slot[] }> {
  return {
    held: await loadHeldBooking(db, args),
    free: await workspaceFreeSlots(db, args.workspaceId, args.now),
  };
}

/**
 * The contact's soonest upcoming booking, or null. Read again inside the reply's transaction:
 * staff may have cancelled, moved or made one while the turn was being written.
 */
export async function loadHeldBooking(
  db: AriDatabase,
  args: { workspaceId: string; contactId: string; timezone: string; now: Date },
): Promise<HeldBooking | null> {
  const [held] = await db
    .select({ booking: bookings, resourceName: bookingResources.name, location: bookingResources.location })
    .from(bookings)
    .innerJoin(
      bookingResources,
      and(eq(bookingResources.workspaceId, bookings.workspaceId), eq(bookingResources.id, bookings.resourceId)),
    )
    .where(
      and(
        eq(bookings.workspaceId, args.workspaceId),
        eq(bookings.contactId, args.contactId),
        eq(bookings.status, 'booked'),
        gt(bookings.startsAt, args.now),
      ),
    )
    .orderBy(asc(bookings.startsAt), asc(bookings.id))
    .limit(1);
  if (!held) return null;
  return {
    id: held.booking.id,
    resourceName: held.resourceName,
    location: held.location,
    slot: slotAt(held.booking.resourceId, held.booking.startsAt, held.booking.endsAt, args.timezone),
  };
}

/** The free slots of every active resource of the workspace, soonest first (a time several have is listed once each). */
export async function workspaceFreeSlots(db: AriDatabase, workspaceId: string, now: Date): Promise<Slot[]> {
  const resources = await db
    .select({ id: bookingResources.id })
    .from(bookingResources)
    .where(and(eq(bookingResources.workspaceId, workspaceId), eq(bookingResources.active, true)))
    .orderBy(asc(bookingResources.createdAt), asc(bookingResources.id));
  const free: Slot[] = [];
  for (const resource of resources) free.push(...(await freeSlots(db, workspaceId, resource.id, now, ALL)));
  // Stable: at one time, the resource listed first comes first.
  return free.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
