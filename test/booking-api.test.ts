/**
 * The bookings API on PGlite and PostgreSQL: resources set up (rules, weekly hours, days off)
 * by managers, free slots, bookings listed by time, made, moved (rescheduled_from), cancelled
 * and marked by agents; a taken time is a 409 with the next free slots; bad input is a 400
 * that changes nothing; another workspace's ids are 404; each change reaches the team's
 * signed webhook (the booking effects ran in the change's transaction).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/api-keys/create-api-key.js';
import { ariConversations, bookingResources, bookings, contacts } from '../src/db/schema.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { ENGINES } from './support/test-database.js';
import { eventually, startTestService, type TestService } from './support/test-service.js';

const ADMIN = 'booking-api-admin-token-0123456789';
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startTime: '00:00', endTime: '24:00' }));
const HOUR = 3_600_000;

interface Slot {
  startsAt: string;
  endsAt: string;
  label: string;
  seatsLeft: number;
}

describe.each(ENGINES)('the bookings API on %s', (engine) => {
  let service: TestService;
  let notifyServer: http.Server;
  const notices: { type: string; data: { booking: { id: string }; previous?: { id: string } } }[] = [];
  const keys = { agent: '', manager: '', otherAgent: '' };
  let workspaceId: string;
  let otherWorkspaceId: string;
  let contactIds: string[];
  let conversationId: string;
  let otherContactId: string;
  let otherResourceId: string;
  /** A resource open every hour of every day, so there are slots whatever the clock says. */
  let resourceId: string;

  beforeAll(async () => {
    notifyServer = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        notices.push(JSON.parse(raw));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => notifyServer.listen(0, '127.0.0.1', resolve));
    service = await startTestService(
      {
        ARI_ADMIN_TOKEN: ADMIN,
        ARI_NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${(notifyServer.address() as AddressInfo).port}/hooks`,
        ARI_NOTIFY_WEBHOOK_SECRET: 'booking-api-notify-secret',
      },
      engine,
    );
    const { db } = service.ctx.database;
    workspaceId = (await createWorkspace(db, { name: 'Kappa Study', slug: 'kappa' })).id;
    otherWorkspaceId = (await createWorkspace(db, { name: 'Lambda Study', slug: 'lambda' })).id;
    keys.agent = (await createApiKey(db, { workspace: 'kappa', role: 'agent' })).key;
    keys.manager = (await createApiKey(db, { workspace: 'kappa', role: 'manager' })).key;
    keys.otherAgent = (await createApiKey(db, { workspace: 'lambda', role: 'agent' })).key;
    const rows = await db
      .insert(contacts)
      .values(
        Array.from({ length: 4 }, (_, i) => ({ workspaceId, phone: `+62812555000${i}`, name: `Customer ${i + 1}` })),
      )
      .returning({ id: contacts.id });
    contactIds = rows.map((r) => r.id);
    const [conversation] = await db
      .insert(ariConversations)
      .values({ workspaceId, contactId: contactIds[0]! })
      .returning({ id: ariConversations.id });
    conversationId = conversation!.id;
    const [other] = await db
      .insert(contacts)
      .values({ workspaceId: otherWorkspaceId, phone: '+6281255509999', name: 'Elsewhere' })
      .returning({ id: contacts.id });
    otherContactId = other!.id;
    const [otherResource] = await db
      .insert(bookingResources)
      .values({ workspaceId: otherWorkspaceId, name: 'Their consultant' })
      .returning({ id: bookingResources.id });
    otherResourceId = otherResource!.id;
    const created = await call('POST', '/workspaces/kappa/booking-resources', {
      name: 'Consultant Rina',
      slotMinutes: 60,
      leadTimeMinutes: 0,
      horizonDays: 3,
      location: 'https://meet.example.com/rina',
      weekly: EVERY_DAY,
    });
    expect(created.status).toBe(201);
    resourceId = created.body.resource.id;
  });
  afterAll(async () => {
    await service?.stopAll();
    await new Promise((resolve) => notifyServer?.close(resolve));
  });

  async function call(method: string, path: string, body?: unknown, token = keys.manager) {
    const response = await fetch(`${service.url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null } as { status: number; body: any };
  }
  const slots = async (query = 'limit=10'): Promise<Slot[]> => {
    const answer = await call(
      'GET',
      `/workspaces/kappa/booking-resources/${resourceId}/slots?${query}`,
      undefined,
      keys.agent,
    );
    expect(answer.status).toBe(200);
    return answer.body.slots;
  };
  const book = (contact: number, startsAt: string, token = keys.agent) =>
    call('POST', '/workspaces/kappa/bookings', { resourceId, contactId: contactIds[contact], startsAt }, token);
  const bookingRows = () =>
    service.ctx.database.db.select().from(bookings).where(eq(bookings.workspaceId, workspaceId));
  const resourceSetup = async () =>
    (await call('GET', '/workspaces/kappa/booking-resources', undefined, keys.agent)).body.resources.find(
      (r: { id: string }) => r.id === resourceId,
    );

  it('creates a resource with its weekly hours and lists it with its rules, hours and days off', async () => {
    const { status, body } = await call('GET', '/workspaces/kappa/booking-resources', undefined, keys.agent);
    expect(status).toBe(200);
    expect(body.resources).toEqual([
      {
        id: resourceId,
        name: 'Consultant Rina',
        kind: 'consultant',
        slotMinutes: 60,
        bufferMinutes: 0,
        capacity: 1,
        leadTimeMinutes: 0,
        horizonDays: 3,
        location: 'https://meet.example.com/rina',
        active: true,
        hasFeed: false,
        weekly: EVERY_DAY,
        daysOff: [],
      },
    ]);
    // Another workspace's resources are not listed, and its key does not see this workspace.
    expect((await call('GET', '/workspaces/lambda/booking-resources', undefined, ADMIN)).body.resources).toHaveLength(
      1,
    );
    expect((await call('GET', '/workspaces/kappa/booking-resources', undefined, keys.otherAgent)).status).toBe(404);
  });

  it('refuses a bad resource or bad hours with a 400 that names the field, and stores nothing', async () => {
    const before = (await call('GET', '/workspaces/kappa/booking-resources')).body;
    const refusals = [
      [{ name: 'Odd', slotMinutes: 7 }, /slotMinutes must be a multiple of 5 minutes/],
      [{ name: '' }, /name must not be empty/],
      [{ name: 'Room', capacity: 0 }, /capacity/],
      [{ name: 'Room', colour: 'red' }, /colour/],
      [
        { name: 'Room', weekly: [{ weekday: 1, startTime: '10:00', endTime: '09:00' }] },
        /endTime must be after startTime/,
      ],
      [
        { name: 'Room', weekly: [{ weekday: 9, startTime: '09:00', endTime: '10:00' }] },
        /weekly has 1 problem: 0\.weekday/,
      ],
    ] as const;
    for (const [body, message] of refusals) {
      const answer = await call('POST', '/workspaces/kappa/booking-resources', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error).toMatch(message);
    }
    expect((await call('POST', '/workspaces/kappa/booking-resources', [1, 2])).status).toBe(400);
    expect((await call('GET', '/workspaces/kappa/booking-resources')).body).toEqual(before);
  });

  it('changes a resource, replaces its weekly hours, and refuses bad changes whole', async () => {
    const made = await call('POST', '/workspaces/kappa/booking-resources', { name: 'Room B', kind: 'room' });
    expect(made.status).toBe(201);
    expect(made.body.resource).toMatchObject({ name: 'Room B', kind: 'room', capacity: 1, weekly: [], location: '' });
    const id = made.body.resource.id;

    const patched = await call('PATCH', `/workspaces/kappa/booking-resources/${id}`, {
      capacity: 3,
      bufferMinutes: 15,
      location: 'Jl. Sudirman 1, Jakarta',
      active: false,
    });
    expect(patched).toMatchObject({
      status: 200,
      body: { resource: { id, capacity: 3, bufferMinutes: 15, location: 'Jl. Sudirman 1, Jakarta', active: false } },
    });
    const badPatch = await call('PATCH', `/workspaces/kappa/booking-resources/${id}`, { capacity: 3.5, name: 'X' });
    expect(badPatch.status).toBe(400);
    expect(badPatch.body.error).toMatch(/capacity/);

    const weekly = [
      { weekday: 2, startTime: '13:00', endTime: '17:00' },
      { weekday: 1, startTime: '09:00', endTime: '12:00' },
    ];
    const put = await call('PUT', `/workspaces/kappa/booking-resources/${id}/weekly`, { weekly });
    expect(put.status).toBe(200);
    expect(put.body.resource.weekly).toEqual([weekly[1], weekly[0]]);
    const overlapping = await call('PUT', `/workspaces/kappa/booking-resources/${id}/weekly`, {
      weekly: [
        { weekday: 1, startTime: '09:00', endTime: '12:00' },
        { weekday: 1, startTime: '11:00', endTime: '13:00' },
      ],
    });
    expect(overlapping.status).toBe(400);
    expect(overlapping.body.issues).toEqual([{ path: '1', message: 'overlaps window 0 on the same weekday' }]);
    expect((await call('PUT', `/workspaces/kappa/booking-resources/${id}/weekly`, {})).status).toBe(400);

    const [stored] = (await call('GET', '/workspaces/kappa/booking-resources')).body.resources.filter(
      (r: { id: string }) => r.id === id,
    );
    expect(stored).toMatchObject({ name: 'Room B', capacity: 3, active: false, weekly: [weekly[1], weekly[0]] });

    // Managers only; another workspace's resource is unknown here.
    expect((await call('PATCH', `/workspaces/kappa/booking-resources/${id}`, { capacity: 2 }, keys.agent)).status).toBe(
      403,
    );
    expect((await call('POST', '/workspaces/kappa/booking-resources', { name: 'Agent room' }, keys.agent)).status).toBe(
      403,
    );
    expect(
      (await call('PUT', `/workspaces/kappa/booking-resources/${id}/weekly`, { weekly: [] }, keys.agent)).status,
    ).toBe(403);
    expect(
      (await call('PATCH', `/workspaces/kappa/booking-resources/${otherResourceId}`, { capacity: 2 }, ADMIN)).status,
    ).toBe(404);
    expect(
      (await call('PUT', `/workspaces/kappa/booking-resources/${otherResourceId}/weekly`, { weekly: [] }, ADMIN))
        .status,
    ).toBe(404);
    expect((await call('PATCH', '/workspaces/kappa/booking-resources/not-an-id', { capacity: 2 })).status).toBe(404);
  });

  it('lists free slots soonest first from a given time, in WIB', async () => {
    const first = await slots('limit=5');
    expect(first).toHaveLength(5);
    for (const slot of first) {
      expect(new Date(slot.endsAt).getTime() - new Date(slot.startsAt).getTime()).toBe(HOUR);
      expect(slot.label).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:00 WIB$/);
      expect(slot.seatsLeft).toBe(1);
    }
    expect(new Date(first[0]!.startsAt).getTime()).toBeGreaterThanOrEqual(Date.now() - HOUR);
    const later = await slots(`limit=2&from=${encodeURIComponent(first[3]!.startsAt)}`);
    expect(later.map((s) => s.startsAt)).toEqual([first[3]!.startsAt, first[4]!.startsAt]);

    for (const query of ['limit=0', 'limit=many', 'from=tomorrow', 'colour=red']) {
      const answer = await call('GET', `/workspaces/kappa/booking-resources/${resourceId}/slots?${query}`);
      expect(answer.status, query).toBe(400);
    }
    expect(
      (await call('GET', `/workspaces/kappa/booking-resources/${otherResourceId}/slots`, undefined, ADMIN)).status,
    ).toBe(404);
  });

  it('adds days off (their slots are gone) and takes them back', async () => {
    const [first] = await slots('limit=1');
    const day = first!.label.slice(0, 10);
    const added = await call('POST', `/workspaces/kappa/booking-resources/${resourceId}/days-off`, {
      startsOn: day,
      endsOn: day,
      reason: 'Libur',
    });
    expect(added.status).toBe(201);
    expect(added.body.dayOff).toMatchObject({ startsOn: day, endsOn: day, reason: 'Libur' });
    expect((await resourceSetup()).daysOff).toEqual([added.body.dayOff]);
    expect((await slots('limit=50')).some((s) => s.label.startsWith(day))).toBe(false);

    for (const body of [
      { startsOn: day, endsOn: '2000-01-01' },
      { startsOn: '27/11/2026', endsOn: day },
      { startsOn: day },
    ]) {
      expect((await call('POST', `/workspaces/kappa/booking-resources/${resourceId}/days-off`, body)).status).toBe(400);
    }
    const dayOff = `/workspaces/kappa/booking-resources/${resourceId}/days-off/${added.body.dayOff.id}`;
    expect((await call('DELETE', dayOff, undefined, keys.agent)).status).toBe(403);
    expect(
      (
        await call(
          'DELETE',
          `/workspaces/kappa/booking-resources/${otherResourceId}/days-off/${added.body.dayOff.id}`,
          undefined,
          ADMIN,
        )
      ).status,
    ).toBe(404);
    expect((await call('DELETE', dayOff)).status).toBe(204);
    expect((await call('DELETE', dayOff)).status).toBe(404);
    expect((await resourceSetup()).daysOff).toEqual([]);
    expect((await slots('limit=1'))[0]!.startsAt).toBe(first!.startsAt);
  });

  it('books a free slot for a contact, and a taken one is a 409 with the next free slots', async () => {
    const [first, second] = await slots('limit=2');
    const made = await book(0, first!.startsAt);
    expect(made.status).toBe(201);
    expect(made.body.booking).toMatchObject({
      resourceId,
      resourceName: 'Consultant Rina',
      contact: { id: contactIds[0], name: 'Customer 1', phone: '+628125550000', username: null },
      // The contact's conversation, so reminders reach the chat.
      conversationId,
      startsAt: first!.startsAt,
      endsAt: first!.endsAt,
      status: 'booked',
      rescheduledFrom: null,
    });

    const taken = await book(1, first!.startsAt);
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatch(/taken/);
    expect(taken.body.alternatives[0]).toEqual(second);
    expect(taken.body.alternatives.map((s: Slot) => s.startsAt)).not.toContain(first!.startsAt);
    const rows = await bookingRows();
    expect(rows.filter((b) => b.startsAt.toISOString() === first!.startsAt)).toHaveLength(1);

    await eventually(
      () => notices.find((n) => n.type === 'booking.created' && n.data.booking.id === made.body.booking.id),
      10_000,
      'the booking.created webhook',
    );
  });

  it('refuses a bad booking with a 400 or 404 and stores nothing', async () => {
    const [slot] = await slots('limit=1');
    const before = (await bookingRows()).length;
    const offGrid = new Date(new Date(slot!.startsAt).getTime() + 10 * 60_000).toISOString();
    const cases: [unknown, number, RegExp][] = [
      [{ resourceId, contactId: contactIds[1], startsAt: offGrid }, 400, /is not a slot of "Consultant Rina"/],
      [{ resourceId, contactId: contactIds[1], startsAt: '2026-11-27 14:00' }, 400, /startsAt: must be an ISO 8601/],
      [{ resourceId, contactId: contactIds[1] }, 400, /startsAt/],
      [{ resourceId, contactId: 'nobody', startsAt: slot!.startsAt }, 400, /contactId/],
      [{ resourceId, contactId: contactIds[1], startsAt: slot!.startsAt, extra: 1 }, 400, /extra/],
      [{ resourceId, contactId: otherContactId, startsAt: slot!.startsAt }, 404, /no such contact/],
      // Another customer's conversation: it would turn booked and get this booking's reminders.
      [
        { resourceId, contactId: contactIds[1], startsAt: slot!.startsAt, conversationId },
        404,
        /no such conversation of this contact/,
      ],
      [{ resourceId: otherResourceId, contactId: contactIds[1], startsAt: slot!.startsAt }, 404, /no booking resource/],
    ];
    for (const [body, status, message] of cases) {
      const answer = await call('POST', '/workspaces/kappa/bookings', body, keys.agent);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.body.error).toMatch(message);
    }
    expect(await bookingRows()).toHaveLength(before);
    // Another workspace's key books nothing here.
    expect((await book(1, slot!.startsAt, keys.otherAgent)).status).toBe(404);
  });

  it('lists bookings that start in [from, to), filtered by resource and status', async () => {
    const [slot] = await slots('limit=1');
    const made = await book(2, slot!.startsAt);
    expect(made.status).toBe(201);
    const start = new Date(slot!.startsAt).getTime();
    const range = (from: number, to: number) =>
      `from=${encodeURIComponent(new Date(from).toISOString())}&to=${encodeURIComponent(new Date(to).toISOString())}`;
    const list = async (query: string) => call('GET', `/workspaces/kappa/bookings?${query}`, undefined, keys.agent);

    const inRange = await list(range(start, start + HOUR));
    expect(inRange.status).toBe(200);
    expect(inRange.body.bookings).toEqual([made.body.booking]);
    // Just before and just after: not there (the bounds are [from, to)).
    const ids = async (query: string) => (await list(query)).body.bookings.map((b: { id: string }) => b.id);
    expect(await ids(range(start + HOUR, start + 2 * HOUR))).not.toContain(made.body.booking.id);
    expect(await ids(range(start - HOUR, start))).not.toContain(made.body.booking.id);
    expect(await ids(range(start - HOUR, start + 1))).toContain(made.body.booking.id);
    expect(
      (await list(`${range(start, start + HOUR)}&resourceId=${resourceId}&status=booked`)).body.bookings,
    ).toHaveLength(1);
    expect((await list(`${range(start, start + HOUR)}&status=cancelled`)).body.bookings).toEqual([]);
    // The other workspace sees none of them.
    expect(
      (await call('GET', `/workspaces/lambda/bookings?${range(start, start + HOUR)}`, undefined, ADMIN)).body.bookings,
    ).toEqual([]);

    for (const [query, message] of [
      [range(start, start - HOUR), /to must be after from/],
      [`from=soon&to=${encodeURIComponent(new Date(start).toISOString())}`, /from/],
      // A local time without its offset would mean the server's time zone: refused, not guessed.
      [`from=2026-11-27T00:00&to=${encodeURIComponent(new Date(start).toISOString())}`, /with its offset/],
      [range(start, start + 200 * 24 * HOUR), /at most 92 days apart/],
      [`to=${encodeURIComponent(new Date(start).toISOString())}`, /from and to are required/],
      [`${range(start, start + HOUR)}&status=maybe`, /status/],
    ] as const) {
      const answer = await list(query);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error).toMatch(message);
    }
  });

  it('moves a booking to another free slot (the new one records rescheduledFrom) and keeps it when the time is taken', async () => {
    const [a, b, c] = await slots('limit=3');
    const original = (await book(3, a!.startsAt)).body.booking;
    const blocker = (await book(1, c!.startsAt)).body.booking;

    const moved = await call(
      'PATCH',
      `/workspaces/kappa/bookings/${original.id}`,
      { startsAt: b!.startsAt },
      keys.agent,
    );
    expect(moved.status).toBe(200);
    expect(moved.body.booking).toMatchObject({
      contact: { id: contactIds[3] },
      startsAt: b!.startsAt,
      status: 'booked',
      rescheduledFrom: original.id,
    });
    const { db } = service.ctx.database;
    const [old] = await db.select().from(bookings).where(eq(bookings.id, original.id));
    expect(old!.status).toBe('cancelled');

    const clash = await call(
      'PATCH',
      `/workspaces/kappa/bookings/${moved.body.booking.id}`,
      { startsAt: blocker.startsAt },
      keys.agent,
    );
    expect(clash.status).toBe(409);
    expect(clash.body.alternatives.map((s: Slot) => s.startsAt)).toContain(a!.startsAt);
    const [kept] = await db
      .select()
      .from(bookings)
      .where(and(eq(bookings.workspaceId, workspaceId), eq(bookings.id, moved.body.booking.id)));
    expect(kept).toMatchObject({ status: 'booked', startsAt: new Date(b!.startsAt) });

    // A cancelled booking is not moved; bad times are refused.
    expect(
      (await call('PATCH', `/workspaces/kappa/bookings/${original.id}`, { startsAt: a!.startsAt }, keys.agent)).status,
    ).toBe(409);
    expect(
      (await call('PATCH', `/workspaces/kappa/bookings/${moved.body.booking.id}`, { startsAt: 'later' }, keys.agent))
        .status,
    ).toBe(400);

    await eventually(
      () =>
        notices.find(
          (n) =>
            n.type === 'booking.rescheduled' &&
            n.data.booking.id === moved.body.booking.id &&
            n.data.previous?.id === original.id,
        ),
      10_000,
      'the booking.rescheduled webhook',
    );
  });

  it("keeps the conversation's state with its bookings: booked when staff book, back to scheduling when the last one is cancelled", async () => {
    const { db } = service.ctx.database;
    const [contact] = await db
      .insert(contacts)
      .values({ workspaceId, phone: '+6281255500077', name: 'Customer in the chat' })
      .returning({ id: contacts.id });
    const [conversation] = await db
      .insert(ariConversations)
      .values({ workspaceId, contactId: contact!.id, state: 'qualifying' })
      .returning({ id: ariConversations.id });
    const state = async () =>
      (await db.select().from(ariConversations).where(eq(ariConversations.id, conversation!.id)))[0]!.state;
    const [first, second] = await slots('limit=2');
    const bookFor = (startsAt: string) =>
      call('POST', '/workspaces/kappa/bookings', { resourceId, contactId: contact!.id, startsAt }, keys.agent);
    const a = (await bookFor(first!.startsAt)).body.booking;
    expect(a.conversationId).toBe(conversation!.id);
    expect(await state()).toBe('booked');
    const b = (await bookFor(second!.startsAt)).body.booking;
    // One of two cancelled: the customer still holds a booking.
    await call('PATCH', `/workspaces/kappa/bookings/${a.id}`, { status: 'cancelled' }, keys.agent);
    expect(await state()).toBe('booked');
    await call('PATCH', `/workspaces/kappa/bookings/${b.id}`, { status: 'cancelled' }, keys.agent);
    expect(await state()).toBe('scheduling');
  });

  it('cancels a booking (its time is free again) and marks a past one attended or no-show', async () => {
    const [slot] = await slots('limit=1');
    const made = (await book(1, slot!.startsAt)).body.booking;
    const cancelled = await call('PATCH', `/workspaces/kappa/bookings/${made.id}`, { status: 'cancelled' }, keys.agent);
    expect(cancelled).toMatchObject({ status: 200, body: { booking: { id: made.id, status: 'cancelled' } } });
    expect((await slots('limit=1'))[0]!.startsAt).toBe(slot!.startsAt);
    await eventually(
      () => notices.find((n) => n.type === 'booking.cancelled' && n.data.booking.id === made.id),
      10_000,
      'the booking.cancelled webhook',
    );

    // A consultation that took place yesterday.
    const { db } = service.ctx.database;
    const startsAt = new Date(Math.floor(Date.now() / HOUR) * HOUR - 24 * HOUR);
    const [past] = await db
      .insert(bookings)
      .values({
        workspaceId,
        resourceId,
        contactId: contactIds[2]!,
        startsAt,
        endsAt: new Date(startsAt.getTime() + HOUR),
      })
      .returning();
    const mark = (id: string, body: unknown) => call('PATCH', `/workspaces/kappa/bookings/${id}`, body, keys.agent);
    expect(await mark(past!.id, { status: 'attended' })).toMatchObject({
      status: 200,
      body: { booking: { status: 'attended' } },
    });
    expect(await mark(past!.id, { status: 'no_show' })).toMatchObject({
      status: 200,
      body: { booking: { status: 'no_show' } },
    });
    // Not before it starts, not a cancelled one, nothing else.
    const future = (await book(2, (await slots('limit=1'))[0]!.startsAt)).body.booking;
    expect((await mark(future.id, { status: 'attended' })).status).toBe(409);
    expect((await mark(made.id, { status: 'no_show' })).status).toBe(409);
    for (const body of [{ status: 'done' }, {}, { status: 'attended', note: 'x' }]) {
      const answer = await mark(future.id, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
    }
    expect((await db.select().from(bookings).where(eq(bookings.id, future.id)))[0]!.status).toBe('booked');

    // Another workspace's booking is not found here (nor this one from there).
    const [theirs] = await db
      .insert(bookings)
      .values({
        workspaceId: otherWorkspaceId,
        resourceId: otherResourceId,
        contactId: otherContactId,
        startsAt,
        endsAt: new Date(startsAt.getTime() + HOUR),
      })
      .returning();
    expect((await mark(theirs!.id, { status: 'cancelled' })).status).toBe(404);
    expect(
      (await call('PATCH', `/workspaces/lambda/bookings/${future.id}`, { status: 'cancelled' }, keys.otherAgent))
        .status,
    ).toBe(404);
    expect(
      (await call('PATCH', `/workspaces/kappa/bookings/${future.id}`, { status: 'cancelled' }, keys.otherAgent)).status,
    ).toBe(404);
    expect((await db.select().from(bookings).where(eq(bookings.id, theirs!.id)))[0]!.status).toBe('booked');
  });
});
