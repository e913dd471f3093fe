/**
 * Roles and keys: every /api/v1 route against every role (allowed / 403, and 404
 * for another workspace), revocation at once, the model allow-list, a doctor
 * that tells a workspace key nothing about the deployment, a bounded number of
 * event streams per key, and paging that returns every row exactly once.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_ROLES, type ApiKeyRole } from '../src/api-keys/api-key-roles.js';
import { createApiKey } from '../src/api-keys/create-api-key.js';
import { simulateMessage } from '../src/conversations/simulate-message.js';
import { addDaysOff } from '../src/booking/add-days-off.js';
import { bookSlot } from '../src/booking/book-slot.js';
import { createBookingResource } from '../src/booking/create-booking-resource.js';
import { freeSlots } from '../src/booking/free-slots.js';
import { setWeeklyAvailability } from '../src/booking/set-weekly-availability.js';
import { ariConfig, ariConversations, contacts } from '../src/db/schema.js';
import { ROUTE_ROLES } from '../src/http/route-roles.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { ENGINES } from './support/test-database.js';
import { eventually, startTestService, type TestService } from './support/test-service.js';

const ADMIN = 'roles-admin-token-0123456789abcdef';
const ALLOWED_MODEL = 'grok-4-1-fast-non-reasoning';

type Who = ApiKeyRole | 'admin';
const WHO: Who[] = [...API_KEY_ROLES, 'admin'];
const RANK: Record<Who, number> = { agent: 0, manager: 1, owner: 2, admin: 3 };

describe.each(ENGINES)('roles and keys on %s', (engine) => {
  let service: TestService;
  const tokens = {} as Record<Who, string>;
  let conversationId: string;
  let resourceId: string;
  let phones = 0;
  /** Per workspace: a resource open every hour of every day, and a contact to book it for. */
  const booking = {} as Record<string, { workspaceId: string; resourceId: string; contactId: string }>;

  beforeAll(async () => {
    service = await startTestService(
      {
        ARI_ADMIN_TOKEN: ADMIN,
        // A configured provider that answers nothing (connection refused): turns fall back to rules at once.
        GROK_API_KEY: 'xai-test',
        GROK_BASE_URL: 'http://127.0.0.1:9/v1',
        ARI_MODEL_ALLOWLIST: `grok:${ALLOWED_MODEL}`,
        ARI_MODEL_MAX_TIMEOUT_MS: '10000',
      },
      engine,
    );
    const { db } = service.ctx.database;
    for (const [name, slug] of [
      ['Alpha Study', 'alpha'],
      ['Beta Study', 'beta'],
    ] as const) {
      const workspaceId = (await createWorkspace(db, { name, slug })).id;
      const resource = await createBookingResource(db, workspaceId, { name: 'Consultant', leadTimeMinutes: 0 });
      const everyDay = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startTime: '00:00', endTime: '24:00' }));
      await setWeeklyAvailability(db, workspaceId, resource.id, everyDay);
      const [contact] = await db
        .insert(contacts)
        .values({ workspaceId, phone: slug === 'alpha' ? '+6281299990001' : '+6281299990002' })
        .returning();
      booking[slug] = { workspaceId, resourceId: resource.id, contactId: contact!.id };
    }
    resourceId = booking.alpha!.resourceId;
    for (const role of API_KEY_ROLES) tokens[role] = (await createApiKey(db, { workspace: 'alpha', role })).key;
    tokens.admin = ADMIN;
    const result = await simulateMessage(service.ctx, { workspace: 'alpha', from: '+6281200000001', text: 'Halo' });
    conversationId = result.conversation.conversation.id;
  });
  afterAll(async () => service?.stopAll());

  const call = async (
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${service.url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
    };
  };

  /** The status of a stream request (the stream itself is closed at once). */
  const openStream = async (slug: string, token: string) => {
    const controller = new AbortController();
    const response = await fetch(`${service.url}/api/v1/workspaces/${slug}/events`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    return { status: response.status, close: () => controller.abort() };
  };

  /** One request per route that succeeds when the role allows it; `slug` is the workspace asked for. */
  const SAMPLES: Record<string, (slug: string) => Promise<{ method: string; path: string; body?: unknown }>> = {
    'GET /me': async () => ({ method: 'GET', path: '/me' }),
    'GET /workspaces': async () => ({ method: 'GET', path: '/workspaces' }),
    'GET /workspaces/:slug': async (s) => ({ method: 'GET', path: `/workspaces/${s}` }),
    'GET /workspaces/:slug/conversations': async (s) => ({ method: 'GET', path: `/workspaces/${s}/conversations` }),
    'GET /workspaces/:slug/conversations/:id': async (s) => ({
      method: 'GET',
      path: `/workspaces/${s}/conversations/${conversationId}`,
    }),
    'POST /workspaces/:slug/conversations/:id/messages': async (s) => ({
      method: 'POST',
      path: `/workspaces/${s}/conversations/${conversationId}/messages`,
      body: { text: 'Halo dari tim' },
    }),
    'PUT /workspaces/:slug/conversations/:id/mode': async (s) => ({
      method: 'PUT',
      path: `/workspaces/${s}/conversations/${conversationId}/mode`,
      body: { mode: 'human' },
    }),
    'POST /workspaces/:slug/conversations/:id/read': async (s) => ({
      method: 'POST',
      path: `/workspaces/${s}/conversations/${conversationId}/read`,
    }),
    'GET /workspaces/:slug/events': async (s) => ({ method: 'STREAM', path: s }),
    'GET /workspaces/:slug/contacts': async (s) => ({ method: 'GET', path: `/workspaces/${s}/contacts` }),
    'GET /workspaces/:slug/contacts.csv': async (s) => ({ method: 'GET', path: `/workspaces/${s}/contacts.csv` }),
    'GET /workspaces/:slug/assistant': async (s) => ({ method: 'GET', path: `/workspaces/${s}/assistant` }),
    'PUT /workspaces/:slug/assistant': async (s) => ({
      method: 'PUT',
      path: `/workspaces/${s}/assistant`,
      body: { tone: 'warm' },
    }),
    'GET /playbooks': async () => ({ method: 'GET', path: '/playbooks' }),
    'GET /workspaces/:slug/playbook': async (s) => ({ method: 'GET', path: `/workspaces/${s}/playbook` }),
    'PUT /workspaces/:slug/playbook': async (s) => ({
      method: 'PUT',
      path: `/workspaces/${s}/playbook`,
      body: { use: 'study-abroad' },
    }),
    'POST /workspaces/:slug/sandbox/messages': async (s) => ({
      method: 'POST',
      path: `/workspaces/${s}/sandbox/messages`,
      body: { from: `+62813000000${String(++phones).padStart(2, '0')}`, text: 'Halo' },
    }),
    'GET /workspaces/:slug/usage': async (s) => ({ method: 'GET', path: `/workspaces/${s}/usage` }),
    'GET /workspaces/:slug/doctor': async (s) => ({ method: 'GET', path: `/workspaces/${s}/doctor` }),
    'GET /workspaces/:slug/dead-letters': async (s) => ({ method: 'GET', path: `/workspaces/${s}/dead-letters` }),
    'GET /workspaces/:slug/reconciliation': async (s) => ({ method: 'GET', path: `/workspaces/${s}/reconciliation` }),
    'PUT /workspaces/:slug/budget': async (s) => ({
      method: 'PUT',
      path: `/workspaces/${s}/budget`,
      body: { dailyUsd: 5 },
    }),
    'GET /workspaces/:slug/keys': async (s) => ({ method: 'GET', path: `/workspaces/${s}/keys` }),
    'POST /workspaces/:slug/keys': async (s) => ({
      method: 'POST',
      path: `/workspaces/${s}/keys`,
      body: { name: 'made in a test', role: 'agent' },
    }),
    'DELETE /workspaces/:slug/keys/:id': async (s) => {
      const victim = await createApiKey(service.ctx.database.db, { workspace: 'alpha', name: 'victim' });
      return { method: 'DELETE', path: `/workspaces/${s}/keys/${victim.id}` };
    },
    'GET /workspaces/:slug/booking-resources': async (s) => ({
      method: 'GET',
      path: `/workspaces/${s}/booking-resources`,
    }),
    'GET /workspaces/:slug/booking-resources/:id/slots': async (s) => ({
      method: 'GET',
      path: `/workspaces/${s}/booking-resources/${booking.alpha!.resourceId}/slots`,
    }),
    'GET /workspaces/:slug/bookings': async (s) => ({
      method: 'GET',
      path: `/workspaces/${s}/bookings?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z`,
    }),
    'POST /workspaces/:slug/bookings': async (s) => {
      // The workspace's own resource and contact (the admin books in beta too), at its next free hour.
      const { workspaceId, resourceId, contactId } = booking[s]!;
      const [slot] = await freeSlots(service.ctx.database.db, workspaceId, resourceId, new Date(), 1);
      return {
        method: 'POST',
        path: `/workspaces/${s}/bookings`,
        body: { resourceId, contactId, startsAt: slot!.startsAt },
      };
    },
    'PATCH /workspaces/:slug/bookings/:id': async (s) => {
      const { db } = service.ctx.database;
      const { workspaceId, resourceId, contactId } = booking.alpha!;
      const [slot] = await freeSlots(db, workspaceId, resourceId, new Date(), 1);
      const made = await bookSlot(db, { workspaceId, resourceId, contactId, startsAt: slot!.startsAt });
      if (made.status !== 'booked') throw new Error('the sample booking was taken');
      return { method: 'PATCH', path: `/workspaces/${s}/bookings/${made.booking.id}`, body: { status: 'cancelled' } };
    },
    'POST /workspaces/:slug/booking-resources': async (s) => ({
      method: 'POST',
      path: `/workspaces/${s}/booking-resources`,
      body: { name: 'Room made in a test', kind: 'room' },
    }),
    'PATCH /workspaces/:slug/booking-resources/:id': async (s) => ({
      method: 'PATCH',
      path: `/workspaces/${s}/booking-resources/${booking.alpha!.resourceId}`,
      body: { location: 'https://meet.example.com/alpha' },
    }),
    'PUT /workspaces/:slug/booking-resources/:id/weekly': async (s) => ({
      method: 'PUT',
      path: `/workspaces/${s}/booking-resources/${booking.alpha!.resourceId}/weekly`,
      body: { weekly: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startTime: '00:00', endTime: '24:00' })) },
    }),
    'POST /workspaces/:slug/booking-resources/:id/days-off': async (s) => ({
      method: 'POST',
      path: `/workspaces/${s}/booking-resources/${booking.alpha!.resourceId}/days-off`,
      body: { startsOn: '2099-01-01', endsOn: '2099-01-02' },
    }),
    'DELETE /workspaces/:slug/booking-resources/:id/days-off/:dayOffId': async (s) => {
      const { workspaceId, resourceId } = booking.alpha!;
      const dayOff = await addDaysOff(service.ctx.database.db, workspaceId, resourceId, {
        startsOn: '2099-02-01',
        endsOn: '2099-02-01',
      });
      return { method: 'DELETE', path: `/workspaces/${s}/booking-resources/${resourceId}/days-off/${dayOff.id}` };
    },
    'POST /workspaces/:slug/booking-resources/:id/feed': async (s) => ({
      method: 'POST',
      path: `/workspaces/${s}/booking-resources/${resourceId}/feed`,
    }),
    'DELETE /workspaces/:slug/booking-resources/:id/feed': async (s) => ({
      method: 'DELETE',
      path: `/workspaces/${s}/booking-resources/${resourceId}/feed`,
    }),
    'GET /usage': async () => ({ method: 'GET', path: '/usage' }),
    'GET /reconciliation': async () => ({ method: 'GET', path: '/reconciliation' }),
  };

  const statusOf = async (token: string, sample: { method: string; path: string; body?: unknown }) => {
    if (sample.method !== 'STREAM') return (await call(sample.method, sample.path, token, sample.body)).status;
    const stream = await openStream(sample.path, token);
    stream.close();
    return stream.status;
  };

  it('has a request for every route of the role map', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(ROUTE_ROLES).sort());
  });

  it('lets each role reach its routes, refuses the rest with 403, and hides other workspaces behind 404', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const [route, required] of Object.entries(ROUTE_ROLES)) {
      for (const who of WHO) {
        const allowed = RANK[who] >= RANK[required];
        const own = await statusOf(tokens[who], await SAMPLES[route]!('alpha'));
        outcomes.push(`${who} ${route} → ${own >= 200 && own < 300 ? 'allowed' : own}`);
        expected.push(`${who} ${route} → ${allowed ? 'allowed' : 403}`);
        if (!route.includes(':slug')) continue;
        // Another workspace: as if it did not exist. The admin sees every workspace, but alpha's
        // conversation or key is not beta's (marking an unknown conversation read is a no-op 204).
        const other = await statusOf(tokens[who], await SAMPLES[route]!('beta'));
        outcomes.push(`${who} ${route} (beta) → ${other >= 200 && other < 300 ? 'allowed' : other}`);
        expected.push(
          `${who} ${route} (beta) → ${!allowed ? 403 : who === 'admin' ? (route.includes(':id') && !route.endsWith('/read') ? 404 : 'allowed') : 404}`,
        );
      }
    }
    expect(outcomes).toEqual(expected);
  });

  it('refuses a revoked key at once and records when a key was last used', async () => {
    const { db } = service.ctx.database;
    const owner = await createApiKey(db, { workspace: 'alpha', role: 'owner', name: 'to revoke' });
    expect((await call('GET', '/workspaces/alpha/keys', owner.key)).status).toBe(200);
    const listed = await eventually(async () => {
      const { body } = await call('GET', '/workspaces/alpha/keys', tokens.owner);
      const row = body.keys.find((k: { id: string }) => k.id === owner.id);
      return row?.lastUsedAt ? row : null;
    });
    expect(listed).toMatchObject({ id: owner.id, role: 'owner', name: 'to revoke', revokedAt: null });
    // The list never shows the secret nor its hash.
    const all = JSON.stringify((await call('GET', '/workspaces/alpha/keys', tokens.owner)).body);
    expect(all).not.toContain(owner.key);
    expect(all).not.toMatch(/tokenHash|token_hash/);

    const revoked = await call('DELETE', `/workspaces/alpha/keys/${owner.id}`, tokens.owner);
    expect(revoked.status).toBe(200);
    expect(revoked.body.key.revokedAt).toEqual(expect.any(String));
    expect((await call('GET', '/workspaces/alpha/keys', owner.key)).status).toBe(401);
    expect((await call('GET', '/me', owner.key)).status).toBe(401);

    // Another workspace's owner cannot revoke (or even see) alpha's keys.
    const betaOwner = await createApiKey(db, { workspace: 'beta', role: 'owner' });
    expect((await call('DELETE', `/workspaces/beta/keys/${listed.id}`, betaOwner.key)).status).toBe(404);
    // A key with a role that does not exist is refused, and no key is made.
    const before = (await call('GET', '/workspaces/alpha/keys', tokens.owner)).body.keys.length;
    const bad = await call('POST', '/workspaces/alpha/keys', tokens.owner, { role: 'superuser' });
    expect(bad.status).toBe(400);
    expect((await call('GET', '/workspaces/alpha/keys', tokens.owner)).body.keys).toHaveLength(before);
  });

  it('lets owners choose models from the allow-list only, with capped timeouts; a refusal changes nothing', async () => {
    const { db } = service.ctx.database;
    const stored = async () =>
      (
        await db
          .select({ mouth: ariConfig.mouthChain, brain: ariConfig.brainChain, tone: ariConfig.tone })
          .from(ariConfig)
          .where(sql`${ariConfig.workspaceId} = (select id from workspaces where slug = 'alpha')`)
      )[0];
    const before = await stored();
    const chain = (model: string, timeoutMs = 5000) => [{ provider: 'grok', model, timeoutMs }];

    const manager = await call('PUT', '/workspaces/alpha/assistant', tokens.manager, {
      tone: 'changed by a manager',
      mouthChain: chain(ALLOWED_MODEL),
    });
    expect(manager.status).toBe(403);
    expect(manager.body.error).toMatch(/owner/);

    const unlisted = await call('PUT', '/workspaces/alpha/assistant', tokens.owner, {
      tone: 'changed with an unlisted model',
      mouthChain: chain('grok-4-expensive'),
    });
    expect(unlisted.status).toBe(403);
    expect(unlisted.body.error).toBe("grok:grok-4-expensive is not on this server's model allow-list");

    const slow = await call('PUT', '/workspaces/alpha/assistant', tokens.owner, {
      brainChain: chain(ALLOWED_MODEL, 120_000),
    });
    expect(slow.status).toBe(403);
    expect(slow.body.error).toMatch(/120000 ms; the most allowed is 10000 ms/);
    expect(await stored()).toEqual(before);

    const allowed = await call('PUT', '/workspaces/alpha/assistant', tokens.owner, {
      mouthChain: chain(ALLOWED_MODEL),
    });
    expect(allowed.status).toBe(200);
    expect((await stored())?.mouth).toEqual(chain(ALLOWED_MODEL));
    // The operator (admin token) may name any model of a configured provider.
    const admin = await call('PUT', '/workspaces/alpha/assistant', ADMIN, {
      mouthChain: chain('grok-4-expensive', 60_000),
    });
    expect(admin.status).toBe(200);
    await call('PUT', '/workspaces/alpha/assistant', ADMIN, { mouthChain: null });
  });

  it("shows a workspace key its own workspace's health only: no database location, secrets or other workspaces", async () => {
    const location = service.ctx.database.location;
    const scoped = await call('GET', '/workspaces/alpha/doctor', tokens.manager);
    expect(scoped.status).toBe(200);
    const text = JSON.stringify(scoped.body);
    expect(text).not.toContain(location);
    expect(text).not.toMatch(/beta|ADMIN_TOKEN|ENCRYPTION_KEY|WEBHOOK_SECRET|GROK_API_KEY|postgres at|pglite at/i);
    const names: string[] = scoped.body.checks.map((c: { name: string }) => c.name);
    expect(names).toContain('database.reachable');
    expect(names).toContain('assistant.config');
    expect(names.filter((n) => /^(webhook|secrets|api|ai)\./.test(n))).toEqual([]);
    expect(
      scoped.body.checks.every(
        (c: { workspace?: string; name: string }) => c.name.startsWith('database.') || c.workspace === 'alpha',
      ),
    ).toBe(true);
    // The admin sees the deployment's checks.
    const full = await call('GET', '/workspaces/alpha/doctor', ADMIN);
    expect(JSON.stringify(full.body)).toContain(location);
    expect(full.body.checks.map((c: { name: string }) => c.name)).toContain('secrets.encryption_key');
  });

  it('gives one key at most 5 event streams at once: the 6th is 429, and closing one makes room', async () => {
    const agent = (await createApiKey(service.ctx.database.db, { workspace: 'alpha', role: 'agent', name: 'streams' }))
      .key;
    const controllers: AbortController[] = [];
    const open = async () => {
      const controller = new AbortController();
      const response = await fetch(`${service.url}/api/v1/workspaces/alpha/events`, {
        headers: { authorization: `Bearer ${agent}` },
        signal: controller.signal,
      });
      if (response.status === 200) controllers.push(controller);
      else await response.text();
      return response.status;
    };
    for (let i = 0; i < 5; i++) expect(await open()).toBe(200);
    const sixth = await fetch(`${service.url}/api/v1/workspaces/alpha/events`, {
      headers: { authorization: `Bearer ${agent}` },
    });
    expect(sixth.status).toBe(429);
    expect(((await sixth.json()) as { error: string }).error).toMatch(/at most 5 event streams/);
    // Another key is not held back by this one.
    const other = await openStream('alpha', tokens.manager);
    expect(other.status).toBe(200);
    other.close();

    controllers.shift()!.abort();
    expect(await eventually(async () => ((await open()) === 200 ? true : null), 10_000, 'a freed stream slot')).toBe(
      true,
    );
    for (const c of controllers) c.abort();
  });

  it('pages conversations and contacts: every row exactly once, ties included', async () => {
    const { db } = service.ctx.database;
    const workspace = await createWorkspace(db, { name: 'Paging', slug: 'paging' });
    const sameTime = new Date('2026-11-20T10:00:00.123456Z');
    const made = await db
      .insert(contacts)
      .values(
        Array.from({ length: 11 }, (_, i) => ({
          workspaceId: workspace.id,
          phone: `+628140000${String(i).padStart(4, '0')}`,
          name: `Lead ${i}`,
          // Ties on every sort key, so only the id tells rows apart.
          leadScore: i % 3 === 0 ? null : 50,
          updatedAt: sameTime,
        })),
      )
      .returning({ id: contacts.id });
    await db.insert(ariConversations).values(
      made.map((c, i) => ({
        workspaceId: workspace.id,
        contactId: c.id,
        lastMessageAt: i % 2 === 0 ? sameTime : null,
        createdAt: sameTime,
      })),
    );

    const collect = async (path: string, key: 'conversations' | 'contacts') => {
      const ids: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const { status, body } = await call('GET', `${path}?${query}`, tokens.admin);
        expect(status).toBe(200);
        expect(body[key].length).toBeLessThanOrEqual(4);
        ids.push(...body[key].map((row: { id: string }) => row.id));
        cursor = body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      return { ids, pages };
    };
    const conversations = await collect('/workspaces/paging/conversations', 'conversations');
    expect(conversations.pages).toBe(3);
    expect(conversations.ids).toHaveLength(11);
    expect(new Set(conversations.ids).size).toBe(11);
    const leads = await collect('/workspaces/paging/contacts', 'contacts');
    expect(leads.pages).toBe(3);
    expect([...leads.ids].sort()).toEqual(made.map((c) => c.id).sort());

    const bad = await call('GET', '/workspaces/paging/contacts?cursor=not-ours', tokens.admin);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/cursor/);
  });
});
