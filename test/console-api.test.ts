/**
 * The API under the console: inbox filters and search, human replies only inside
 * the 24-hour window, take over / hand back, read marks, live change events,
 * assistant settings that validate before they change anything and shape the next
 * reply, leads as CSV — each scoped to the caller's workspace.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/api-keys/create-api-key.js';
import { simulateMessage } from '../src/conversations/simulate-message.js';
import { ariConfig, ariConversations, ariMessages } from '../src/db/schema.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { ENGINES } from './support/test-database.js';
import { eventually, startTestService, type TestService } from './support/test-service.js';

const ADMIN = 'console-api-admin-token';

describe.each(ENGINES)('the console API on %s', (engine) => {
  let service: TestService;
  /** Another workspace's key: it must never reach a test's own workspace. */
  let otherKey: string;

  beforeAll(async () => {
    service = await startTestService({ ARI_ADMIN_TOKEN: ADMIN, ARI_DEBOUNCE_MS: '50' }, engine);
    await createWorkspace(service.ctx.database.db, { name: 'Beta Study', slug: 'beta' });
    otherKey = (await createApiKey(service.ctx.database.db, { workspace: 'beta', role: 'owner' })).key;
  });
  afterAll(async () => service?.stopAll());

  /**
   * Each test's own workspace (slug `alpha-<n>`), with a key and two answered leads:
   * Budi (Australia) and Citra.
   */
  let workspaces = 0;
  const setUpWorkspace = async () => {
    const { db } = service.ctx.database;
    const slug = `alpha-${++workspaces}`;
    const workspace = await createWorkspace(db, { name: 'Alpha Study', slug });
    const key = (await createApiKey(db, { workspace: slug, role: 'owner' })).key;
    await simulateMessage(service.ctx, {
      workspace: slug,
      from: '+6281311110001',
      name: 'Budi',
      text: 'Halo, mau kuliah di Australia',
    });
    await simulateMessage(service.ctx, { workspace: slug, from: '+6281311110002', name: 'Citra', text: 'Halo' });
    const call = async (method: string, path: string, body?: unknown, token = key) =>
      callApi(method, path, body, token);
    const conversationOf = async (phone: string) =>
      (await call('GET', `/workspaces/${slug}/conversations?q=${encodeURIComponent(phone)}`)).body.conversations[0];
    return { workspace, slug, key, call, conversationOf };
  };

  const callApi = async (method: string, path: string, body: unknown, token: string) => {
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
  it('filters and searches the inbox, and refuses unknown filter values', async () => {
    const { slug, call } = await setUpWorkspace();
    expect(
      (await call('GET', `/workspaces/${slug}/conversations?q=Citra`)).body.conversations.map(
        (c: any) => c.contact.phone,
      ),
    ).toEqual(['+6281311110002']);
    expect((await call('GET', `/workspaces/${slug}/conversations?q=0002`)).body.conversations).toHaveLength(1);
    expect((await call('GET', `/workspaces/${slug}/conversations?windowOpen=true`)).body.conversations).toHaveLength(2);
    expect((await call('GET', `/workspaces/${slug}/conversations?windowOpen=false`)).body.conversations).toHaveLength(
      0,
    );
    expect((await call('GET', `/workspaces/${slug}/conversations?mode=human`)).body.conversations).toHaveLength(0);
    expect((await call('GET', `/workspaces/${slug}/conversations?state=greeting`)).body.conversations).toHaveLength(2);
    const bad = await call('GET', `/workspaces/${slug}/conversations?temperature=lukewarm`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/temperature/);
    // One casing for the API: an unknown (e.g. snake_case) parameter is refused, not silently dropped.
    const snake = await call('GET', `/workspaces/${slug}/conversations?window_open=true`);
    expect(snake.status).toBe(400);
    expect(snake.body.error).toMatch(/unrecognized key.*window_open/i);
    expect((await call('GET', `/workspaces/${slug}/conversations`, undefined, otherKey)).status).toBe(404);
  });

  it('a human reply takes the conversation over and goes out through the outbox; outside the window it is refused and nothing is queued', async () => {
    const { slug, call, conversationOf } = await setUpWorkspace();
    const conversation = await conversationOf('+6281311110001');
    const empty = await call('POST', `/workspaces/${slug}/conversations/${conversation.id}/messages`, { text: '   ' });
    expect(empty).toMatchObject({ status: 400, body: { error: 'text: the reply is empty' } });

    const sent = await call('POST', `/workspaces/${slug}/conversations/${conversation.id}/messages`, {
      text: 'Halo Budi, saya Rina dari tim Alpha.',
    });
    expect(sent.status).toBe(202);
    const thread = await eventually(
      async () => {
        const t = (await call('GET', `/workspaces/${slug}/conversations/${conversation.id}`)).body.conversation;
        return t.messages.some((m: any) => m.role === 'human' && m.status === 'sent') && t;
      },
      10_000,
      'the human reply sent',
    );
    expect(thread.mode).toBe('human');

    // Two days later the window is closed.
    await service.ctx.database.db
      .update(ariConversations)
      .set({ lastInboundAt: new Date(Date.now() - 48 * 3600_000) })
      .where(eq(ariConversations.id, conversation.id));
    const before = await service.ctx.database.db
      .select()
      .from(ariMessages)
      .where(eq(ariMessages.conversationId, conversation.id));
    const late = await call('POST', `/workspaces/${slug}/conversations/${conversation.id}/messages`, {
      text: 'Masih tertarik?',
    });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatch(/24-hour window is closed/);
    const after = await service.ctx.database.db
      .select()
      .from(ariMessages)
      .where(eq(ariMessages.conversationId, conversation.id));
    expect(after).toHaveLength(before.length);
    expect(
      (await call('POST', `/workspaces/${slug}/conversations/${conversation.id}/messages`, { text: 'x' }, otherKey))
        .status,
    ).toBe(404);
  });

  it('takes over and hands back; handing back leaves old messages answered; a bad mode changes nothing', async () => {
    const { slug, call, conversationOf } = await setUpWorkspace();
    const conversation = await conversationOf('+6281311110002');
    expect(
      (await call('PUT', `/workspaces/${slug}/conversations/${conversation.id}/mode`, { mode: 'robot' })).status,
    ).toBe(400);
    const taken = await call('PUT', `/workspaces/${slug}/conversations/${conversation.id}/mode`, { mode: 'human' });
    expect(taken.body.conversation).toMatchObject({ mode: 'human', handoffReason: 'taken over in the console' });
    await call('POST', `/workspaces/${slug}/sandbox/messages`, { from: '+6281311110002', text: 'Halo? Ada orang?' });
    const back = await call('PUT', `/workspaces/${slug}/conversations/${conversation.id}/mode`, { mode: 'ai' });
    expect(back.body.conversation).toMatchObject({ mode: 'ai', handoffReason: null });
    const unanswered = (
      await service.ctx.database.db.select().from(ariMessages).where(eq(ariMessages.conversationId, conversation.id))
    ).filter((m) => m.direction === 'inbound' && m.answeredAt === null);
    expect(unanswered).toEqual([]);
  });

  it('marks a conversation read and streams change events to the workspace that owns it only', async () => {
    const { slug, key, call, conversationOf } = await setUpWorkspace();
    const events: string[] = [];
    const controller = new AbortController();
    const stream = await fetch(`${service.url}/api/v1/workspaces/${slug}/events`, {
      headers: { authorization: `Bearer ${key}` },
      signal: controller.signal,
    });
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        events.push(value!);
      }
    })();
    // The stream says it is connected once this workspace's changes are subscribed.
    await eventually(() => events.join('').includes(': connected'), 5000, 'the stream to connect');
    await call('POST', `/workspaces/${slug}/sandbox/messages`, { from: '+6281311110003', text: 'Halo' });
    await call('POST', '/workspaces/beta/sandbox/messages', { from: '+6281311110004', text: 'Halo' }, otherKey);
    await eventually(() => events.join('').includes('conversation.changed'), 5000, 'a change event');
    const conversation = await conversationOf('+6281311110003');
    const read = await call('POST', `/workspaces/${slug}/conversations/${conversation.id}/read`, {});
    expect(read.status).toBe(204);
    expect((await conversationOf('+6281311110003')).unreadCount).toBe(0);
    controller.abort();
    const beta = await call('GET', '/workspaces/beta/conversations', undefined, otherKey);
    expect(events.join('')).not.toContain(beta.body.conversations[0].id);
    expect((await call('GET', '/workspaces/beta/events', undefined, key)).status).toBe(404);
  });

  it('validates assistant settings before changing anything, and a saved change shapes the next reply', async () => {
    const { slug, workspace, call } = await setUpWorkspace();
    const { db } = service.ctx.database;
    const [before] = await db.select().from(ariConfig).where(eq(ariConfig.workspaceId, workspace.id));
    // The rubric and its thresholds are the playbook's: refused there, and no longer settings.
    const { body: current } = await call('GET', `/workspaces/${slug}/playbook`);
    const heavier = structuredClone(current.playbook);
    heavier.rubric.categories[0].weight += 5;
    const inverted = structuredClone(current.playbook);
    inverted.rubric = { ...inverted.rubric, hot: 40, warm: 60 };
    for (const [playbook, message] of [
      [heavier, 'the weights sum to 105, not 100'],
      [inverted, 'the hot threshold must be above the warm threshold'],
    ] as const) {
      const refused = await call('PUT', `/workspaces/${slug}/playbook`, { playbook });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toContain(message);
    }
    for (const [body, message] of [
      [{ scoringWeights: { basicInfo: 25, qualification: 35, documents: 30, engagement: 10 } }, 'scoringWeights'],
      [{ thresholds: { hot: 70, warm: 40 } }, 'thresholds'],
      [
        { mouthChain: [{ provider: 'grok', model: 'grok-4-1-fast-non-reasoning', timeoutMs: 8000 }] },
        'no API key for grok on this server',
      ],
      [{ botName: '' }, 'the bot needs a name'],
      [{ favouriteColour: 'green' }, 'favouriteColour'],
      // Not an object at all: a clear 400, not a crash reading its fields.
      ['x', 'expected object'],
    ] as const) {
      const refused = await call('PUT', `/workspaces/${slug}/assistant`, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error).toContain(message);
    }
    const [unchanged] = await db.select().from(ariConfig).where(eq(ariConfig.id, before!.id));
    expect(unchanged).toEqual(before);

    const saved = await call('PUT', `/workspaces/${slug}/assistant`, {
      greetingTemplate: 'Selamat {waktu} {nama}! Ini Alpha versi baru. Mau kuliah ke mana?',
    });
    expect(saved.status).toBe(200);
    expect(saved.body.config.greetingTemplate).toContain('Alpha versi baru');
    const turn = await simulateMessage(service.ctx, { workspace: slug, from: '+6281311110009', text: 'Halo' });
    expect(turn.reply).toContain('Ini Alpha versi baru. Mau kuliah ke mana?');
  });

  it('exports the leads as CSV and shows the doctor checks of its own workspace', async () => {
    const { slug, call, conversationOf } = await setUpWorkspace();
    const budi = await conversationOf('+6281311110001');
    expect((await call('PUT', `/workspaces/${slug}/conversations/${budi.id}/mode`, { mode: 'human' })).status).toBe(
      200,
    );
    const csv = await call('GET', `/workspaces/${slug}/contacts.csv`);
    const lines = (csv.body as string).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'name,phone,lead_score,lead_status,state,mode,next_action,email,destination,educationLevel,budget,timeline,' +
        'englishTest,englishScore,passport,cv,english_certificate,transcript,last_message_at,username',
    );
    expect(lines.find((l) => l.includes('+6281311110001'))).toMatch(
      /^Budi,\+6281311110001,\d+,\w+,\w+,human,\w+,,Australia,/,
    );
    // The export holds every lead, whatever page size the screen asked for.
    const paged = await call('GET', `/workspaces/${slug}/contacts.csv?limit=1`);
    expect((paged.body as string).trimEnd().split('\r\n')).toHaveLength(lines.length);
    expect(lines.length).toBeGreaterThan(2);
    const humans = await call('GET', `/workspaces/${slug}/contacts?mode=human`);
    expect(humans.body.contacts.map((c: { phone: string }) => c.phone)).toEqual(['+6281311110001']);
    expect((await call('GET', `/workspaces/${slug}/contacts?state=nowhere`)).status).toBe(400);
    const doctor = await call('GET', `/workspaces/${slug}/doctor`);
    expect(doctor.body.checks.every((c: { workspace?: string }) => !c.workspace || c.workspace === slug)).toBe(true);
    expect((await call('GET', '/me')).body).toMatchObject({ kind: 'workspace', workspaces: [{ slug }] });
  });
});
