import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { BookingResourceKind } from '../core/vocabulary.js';
import type { AriDatabase } from '../db/open-database.js';
import { bookingAvailability, bookingExceptions, bookingResources } from '../db/schema.js';
import type { WeeklyWindow } from './slot.js';

/** A resource as staff see it: its rules, weekly hours and days off; whether it has a feed, never its hash. */
export interface ListedBookingResource {
  id: string;
  name: string;
  kind: BookingResourceKind;
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

/** A workspace's consultants and rooms by name (or only `resourceId`, when given: [] if it is not the workspace's). */
export async function listBookingResources(
  db: AriDatabase,
  workspaceId: string,
  resourceId?: string,
): Promise<ListedBookingResource[]> {
  const only: SQL[] = resourceId ? [eq(bookingResources.id, resourceId)] : [];
  const resources = await db
    .select()
    .from(bookingResources)
    .where(and(eq(bookingResources.workspaceId, workspaceId), ...only))
    .orderBy(asc(bookingResources.name), asc(bookingResources.id));
  if (resources.length === 0) return [];
  const ids = resources.map((r) => r.id);
  const weekly = await db
    .select()
    .from(bookingAvailability)
    .where(and(eq(bookingAvailability.workspaceId, workspaceId), inArray(bookingAvailability.resourceId, ids)))
    .orderBy(asc(bookingAvailability.weekday), asc(bookingAvailability.startTime));
  const daysOff = await db
    .select()
    .from(bookingExceptions)
    .where(and(eq(bookingExceptions.workspaceId, workspaceId), inArray(bookingExceptions.resourceId, ids)))
    .orderBy(asc(bookingExceptions.startsOn), asc(bookingExceptions.id));
  return resources.map(({ feedTokenHash, workspaceId: _w, createdAt: _c, updatedAt: _u, ...resource }) => ({
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
