import { and, eq, gt, lt, ne } from 'drizzle-orm';
import { UserError } from '../core/user-error.js';
import type { AriDatabase, AriTransaction } from '../db/open-database.js';
import { bookingAvailability, bookingExceptions, bookingResources, bookings, workspaces } from '../db/schema.js';
import type { DaysOff, HeldTime, WeeklyWindow } from './slot.js';

export type BookingResource = typeof bookingResources.$inferSelect;

/** Everything availableSlots needs about one resource, read together. */
export interface BookingRules {
  resource: BookingResource;
  timezone: string;
  availability: WeeklyWindow[];
  exceptions: DaysOff[];
  /** Bookings that hold time from a day before `now` to past the horizon. */
  held: HeldTime[];
}

const DAY_MS = 86_400_000;

/** The resource (of this workspace, or a not_found error), its hours, days off and bookings. */
export async function loadBookingRules(
  db: AriDatabase | AriTransaction,
  workspaceId: string,
  resourceId: string,
  now: Date,
): Promise<BookingRules> {
  const [found] = await db
    .select({ resource: bookingResources, timezone: workspaces.timezone })
    .from(bookingResources)
    .innerJoin(workspaces, eq(workspaces.id, bookingResources.workspaceId))
    .where(and(eq(bookingResources.workspaceId, workspaceId), eq(bookingResources.id, resourceId)));
  if (!found) throw new UserError(`no booking resource ${resourceId} in this workspace`, 'not_found');
  const { resource, timezone } = found;
  const ofResource = (table: typeof bookingAvailability | typeof bookingExceptions) =>
    and(eq(table.workspaceId, workspaceId), eq(table.resourceId, resourceId));
  const availability = await db
    .select({
      weekday: bookingAvailability.weekday,
      startTime: bookingAvailability.startTime,
      endTime: bookingAvailability.endTime,
    })
    .from(bookingAvailability)
    .where(ofResource(bookingAvailability));
  const exceptions = await db
    .select({ startsOn: bookingExceptions.startsOn, endsOn: bookingExceptions.endsOn })
    .from(bookingExceptions)
    .where(ofResource(bookingExceptions));
  const held = await db
    .select({ startsAt: bookings.startsAt, endsAt: bookings.endsAt, status: bookings.status })
    .from(bookings)
    .where(
      and(
        eq(bookings.workspaceId, workspaceId),
        eq(bookings.resourceId, resourceId),
        ne(bookings.status, 'cancelled'),
        gt(bookings.endsAt, new Date(now.getTime() - DAY_MS)),
        lt(bookings.startsAt, new Date(now.getTime() + (resource.horizonDays + 2) * DAY_MS)),
      ),
    );
  return { resource, timezone, availability, exceptions, held };
}
