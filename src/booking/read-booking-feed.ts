import { and, eq } from 'drizzle-orm';
import { sha256Hex } from '../core/sha256-hex.js';
import type { AriDatabase } from '../db/open-database.js';
import { bookingResources, workspaces } from '../db/schema.js';
import { bookingsIcs } from './bookings-ics.js';
import { type ListedBooking, listBookings } from './list-bookings.js';

const DAY_MS = 86_400_000;
/** How far back the feed reaches: last month's consultations stay visible in the calendar. */
const PAST_DAYS = 30;
/** listBookings answers at most 92 days at once. */
const CHUNK_DAYS = 90;

/** 32 random bytes, base64url: anything else is not a feed secret and is not looked up. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The ICS text of the resource whose feed secret this is, or null (no such feed: the caller
 * answers 404 and says nothing more). Found by the secret's hash, so the lookup compares
 * hashes, never the secret, and leaks nothing through its timing. The feed holds the last
 * 30 days and everything up to the resource's horizon; cancelled bookings stay in it as
 * CANCELLED, so subscribed calendars remove them. An inactive resource has no feed.
 */
export async function readBookingFeed(db: AriDatabase, token: string, now: Date): Promise<string | null> {
  if (!TOKEN.test(token)) return null;
  // The one lookup not scoped by a workspace: the secret is what names the workspace here.
  const [found] = await db
    .select({ resource: bookingResources, workspaceName: workspaces.name })
    .from(bookingResources)
    .innerJoin(workspaces, eq(workspaces.id, bookingResources.workspaceId))
    // An inactive resource's feed stops with it (its URL works again if it is made active again).
    .where(and(eq(bookingResources.feedTokenHash, sha256Hex(token)), eq(bookingResources.active, true)))
    .limit(1);
  if (!found) return null;
  const { resource } = found;
  const end = now.getTime() + (resource.horizonDays + 1) * DAY_MS;
  const listed: ListedBooking[] = [];
  for (let from = now.getTime() - PAST_DAYS * DAY_MS; from < end; from += CHUNK_DAYS * DAY_MS) {
    const to = Math.min(end, from + CHUNK_DAYS * DAY_MS);
    listed.push(
      ...(await listBookings(db, resource.workspaceId, {
        from: new Date(from),
        to: new Date(to),
        resourceId: resource.id,
      })),
    );
  }
  return bookingsIcs(`${resource.name} · ${found.workspaceName}`, listed, now, resource.location);
}
