/**
 * A resource's calendar feed behind a secret URL, on PGlite and PostgreSQL: a manager makes
 * the URL through the API; the feed is fetched with no bearer token and parses with a standard
 * iCalendar parser (Mozilla's ical.js), showing the bookings at their instants with the
 * contact's name; a cancelled booking is CANCELLED; a new secret retires the old URL; any other
 * token is a bare 404.
 */
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/api-keys/create-api-key.js';
import { bookSlot } from '../src/booking/book-slot.js';
import type { Booking } from '../src/booking/booking.js';
import { bookingEffects } from '../src/booking/booking-effects.js';
import { cancelBooking } from '../src/booking/cancel-booking.js';
import { createBookingResource } from '../src/booking/create-booking-resource.js';
import { freeSlots } from '../src/booking/free-slots.js';
import { setWeeklyAvailability } from '../src/booking/set-weekly-availability.js';
import { bookingResources, contacts } from '../src/db/schema.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { ENGINES } from './support/test-database.js';
import { startTestService, type TestService } from './support/test-service.js';

const ADMIN = 'feed-admin-token-0123456789abcdef';

interface FeedEvent {
  uid: string;
  summary: string;
  start: Date;
  end: Date;
  status: string;
  location: string;
}

/** The events of an ICS text, as a calendar app reads them. */
function parseFeed(text: string): { name: string; events: FeedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    name: String(calendar.getFirstPropertyValue('x-wr-calname')),
    events: calendar.getAllSubcomponents('vevent').map((vevent) => {
      const event = new ICAL.Event(vevent);
      return {
        uid: event.uid,
        summary: event.summary,
        start: event.startDate.toJSDate(),
        end: event.endDate.toJSDate(),
        status: String(vevent.getFirstPropertyValue('status')),
        location: event.location,
      };
    }),
  };
}

describe.each(ENGINES)('the ICS feed on %s', (engine) => {
  let service: TestService;
  let workspaceId: string;
  let resourceId: string;
  let otherResourceId: string;
  let managerKey: string;
  let agentKey: string;
  const contactIds: string[] = [];

  beforeAll(async () => {
    service = await startTestService({ ARI_ADMIN_TOKEN: ADMIN }, engine);
    const { db } = service.ctx.database;
    const workspace = await createWorkspace(db, { name: 'Eagle Feed', slug: 'eagle-feed' });
    workspaceId = workspace.id;
    // Open every hour of every day, from now on: the feed's window follows the real clock.
    const resource = await createBookingResource(db, workspaceId, { name: 'Consultant Dewi', leadTimeMinutes: 0 });
    resourceId = resource.id;
    // Where the consultation happens: on every event of the feed.
    await db
      .update(bookingResources)
      .set({ location: 'https://meet.example.com/dewi, room 2' })
      .where(eq(bookingResources.id, resourceId));
    await setWeeklyAvailability(
      db,
      workspaceId,
      resourceId,
      [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startTime: '00:00', endTime: '24:00' })),
    );
    const other = await createWorkspace(db, { name: 'Other', slug: 'other-feed' });
    otherResourceId = (await createBookingResource(db, other.id, { name: 'Elsewhere' })).id;
    const rows = await db
      .insert(contacts)
      .values([
        { workspaceId, phone: '+6281230000001', name: 'Budi Santoso' },
        { workspaceId, phone: '+6281230000002', name: 'Sari; Dewi, Putri' },
      ])
      .returning({ id: contacts.id });
    contactIds.push(...rows.map((r) => r.id));
    managerKey = (await createApiKey(db, { workspace: 'eagle-feed', role: 'manager' })).key;
    agentKey = (await createApiKey(db, { workspace: 'eagle-feed', role: 'agent' })).key;
  });
  afterAll(async () => service?.stopAll());

  const makeFeed = async (token: string, resource = resourceId, slug = 'eagle-feed') =>
    fetch(`${service.url}/api/v1/workspaces/${slug}/booking-resources/${resource}/feed`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
  /** The feed as a calendar app fetches it: the URL alone, no credentials. */
  const fetchFeed = (url: string) => fetch(`${service.url}${new URL(url).pathname}`);

  async function book(contact: number, nth: number): Promise<Booking> {
    const { db } = service.ctx.database;
    const slot = (await freeSlots(db, workspaceId, resourceId, new Date(), nth + 1))[nth]!;
    const outcome = await bookSlot(
      db,
      { workspaceId, resourceId, contactId: contactIds[contact]!, startsAt: slot.startsAt },
      { effects: bookingEffects(service.ctx) },
    );
    if (outcome.status !== 'booked') throw new Error('expected a booking');
    return outcome.booking;
  }

  it('shows the bookings at their instants with the contact, cancelled ones as CANCELLED', async () => {
    const kept = await book(0, 0);
    const cancelled = await book(1, 2);
    await cancelBooking(service.ctx.database.db, { workspaceId, bookingId: cancelled.id });

    const made = await makeFeed(managerKey);
    expect(made.status).toBe(200);
    const { url } = (await made.json()) as { url: string };
    // Built from the request's own host (no ARI_PUBLIC_URL here).
    expect(url).toMatch(new RegExp(`^${service.url}/feeds/bookings/[A-Za-z0-9_-]{43}\\.ics$`));

    const response = await fetchFeed(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const feed = parseFeed(await response.text());
    expect(feed.name).toBe('Consultant Dewi · Eagle Feed');
    const byUid = new Map(feed.events.map((e) => [e.uid, e]));
    expect(byUid.get(`${kept.id}@ari`)).toEqual({
      uid: `${kept.id}@ari`,
      summary: 'Budi Santoso · Consultant Dewi',
      start: kept.startsAt,
      end: kept.endsAt,
      status: 'CONFIRMED',
      location: 'https://meet.example.com/dewi, room 2',
    });
    // Escaped text comes back as it was typed.
    expect(byUid.get(`${cancelled.id}@ari`)).toMatchObject({
      summary: 'Sari; Dewi, Putri · Consultant Dewi',
      start: cancelled.startsAt,
      status: 'CANCELLED',
    });
    expect(feed.events).toHaveLength(2);
  });

  it('retires the old URL when a new secret is made, and answers any other token with a bare 404', async () => {
    const first = ((await (await makeFeed(managerKey)).json()) as { url: string }).url;
    expect((await fetchFeed(first)).status).toBe(200);
    const second = ((await (await makeFeed(ADMIN)).json()) as { url: string }).url;
    expect(second).not.toBe(first);

    const old = await fetchFeed(first);
    expect(old.status).toBe(404);
    expect(await old.text()).toBe('not found');
    expect((await fetchFeed(second)).status).toBe(200);

    const token = /\/feeds\/bookings\/(.+)\.ics$/.exec(second)![1]!;
    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const path of [`${wrong}.ics`, 'nothing.ics', token, `${token}.ics.ics`]) {
      const response = await fetch(`${service.url}/feeds/bookings/${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toBe('not found');
    }
  });

  it('stops the feed of an inactive resource, and turns a feed off for good (managers only)', async () => {
    const { db } = service.ctx.database;
    const url = ((await (await makeFeed(managerKey)).json()) as { url: string }).url;
    const setActive = (active: boolean) =>
      db.update(bookingResources).set({ active }).where(eq(bookingResources.id, resourceId));
    await setActive(false);
    expect((await fetchFeed(url)).status).toBe(404);
    await setActive(true);
    expect((await fetchFeed(url)).status).toBe(200);

    const stop = (token: string, resource = resourceId) =>
      fetch(`${service.url}/api/v1/workspaces/eagle-feed/booking-resources/${resource}/feed`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await stop(agentKey)).status).toBe(403);
    expect((await stop(managerKey, otherResourceId)).status).toBe(404);
    expect((await fetchFeed(url)).status).toBe(200);
    expect((await stop(managerKey)).status).toBe(204);
    expect((await fetchFeed(url)).status).toBe(404);
    const [row] = await db
      .select({ feedTokenHash: bookingResources.feedTokenHash })
      .from(bookingResources)
      .where(eq(bookingResources.id, resourceId));
    expect(row!.feedTokenHash).toBeNull();
    // Off twice is harmless; a new URL works again.
    expect((await stop(managerKey)).status).toBe(204);
    expect((await fetchFeed(((await (await makeFeed(managerKey)).json()) as { url: string }).url)).status).toBe(200);
  });

  it('lets only managers make a feed URL, of their own workspace', async () => {
    expect((await makeFeed('not-a-token')).status).toBe(401);
    expect((await makeFeed(agentKey)).status).toBe(403);
    expect((await makeFeed(managerKey, otherResourceId)).status).toBe(404);
    expect((await makeFeed(ADMIN, otherResourceId)).status).toBe(404);
    expect((await makeFeed(managerKey, 'not-an-id')).status).toBe(404);
    const [other] = await service.ctx.database.db
      .select({ feedTokenHash: bookingResources.feedTokenHash })
      .from(bookingResources)
      .where(eq(bookingResources.id, otherResourceId));
    expect(other!.feedTokenHash).toBeNull();
  });
});
