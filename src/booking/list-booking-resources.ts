import { asc, eq } from 'drizzle-orm';
import type { AriDatabase } from '../db/open-database.js';
import { bookingAvailability, bookingExceptions, bookingResources } from '../db/schema.js';
import type { WeeklyWindow } from './slot.js';

/** A resource as staff see it: its rules, weekly hours and days off; whether it has a feed, never its hash. */
export interface ListedBookingResource {
  id: string;
  name: string;
  kind: string;
  slotMinutes: number;
  bufferMinutes: number;
  capacity: number;
  leadTimeMinutes: number;
  horizonDays: number;
  location: string;
  active: boolean;
  hasFeed: boolean;
  weekly: WeeklyWindow[];
  daysOff: Array<{ id: string; startsOn: string; endsOn: string; reason: string }>;
}

/** A workspace's consultants and rooms, by name. */
export async function listBookingResources(db: AriDatabase, workspaceId: string): Promise<ListedBookingResource[]> {
  const resources = await db
    .select()
    .from(bookingResources)
    .where(eq(bookingResources.workspaceId, workspaceId))
    .orderBy(asc(bookingResources.name), asc(bookingResources.id));
  const weekly = await db
    .select()
    .from(bookingAvailability)
    .where(eq(bookingAvailability.workspaceId, workspaceId))
    .orderBy(asc(bookingAvailability.weekday), asc(bookingAvailability.startTime));
  const daysOff = await db
    .select()
    .from(bookingExceptions)
    .where(eq(bookingExceptions.workspaceId, workspaceId))
    .orderBy(asc(bookingExceptions.startsOn));
  return resources.map(({ feedTokenHash, workspaceId: _, createdAt: __, updatedAt: ___, ...resource }) => ({
    ...resource,
    hasFeed: feedTokenHash !== null,
    weekly: weekly
      .filter((w) => w.resourceId === resource.id)
      .map(({ weekday, startTime, endTime }) => ({ weekday, startTime, endTime })),
    daysOff: daysOff
      .filter((d) => d.resourceId === resource.id)
      .map(({ id, startsOn, endsOn, reason }) => ({ id, startsOn, endsOn, reason })),
  }));
}
