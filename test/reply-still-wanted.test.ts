/**
 * A reply must still be wanted when it commits: a takeover during a slow model call
 * means no AI reply; a message that arrives during the call gets one reply covering
 * the whole burst; a slow chain runs once (the reply job's expiry is derived from the
 * chain's deadlines, so pg-boss never starts a second copy) and each link is paid once.
 */
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelChain } from '../src/core/assistant-settings.js';
import { aiUsage, ariConfig, ariConversations, ariMessages, contacts } from '../src/db/schema.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { startFakeLlm, type FakeLlm } from './support/fake-llm.js';
import { startFakeWhatsApp, type FakeWhatsApp } from './support/fake-whatsapp.js';
import { ENGINES } from './support/test-database.js';
import { eventually, startTestService, type TestService } from './support/test-service.js';
import { KAPSO_SECRET, PHONE_ID, kapsoEvent, postKapso } from './support/webhook-payloads.js';

const ADMIN = 'reply-still-wanted-admin';

describe.each(ENGINES)('a reply still wanted when it commits, on %s', (engine) => {
  let whatsapp: FakeWhatsApp;
  let grok: FakeLlm;
  let service: TestService;
  let workspaceId: string;
  let counter = 0;

  beforeAll(async () => {
    whatsapp = await startFakeWhatsApp();
    grok = await startFakeLlm({ content: 'Siap kak, mau kuliah ke negara mana?' });
    service = await startTestService(
      {
        ARI_ADMIN_TOKEN: ADMIN,
        KAPSO_WEBHOOK_SECRET: KAPSO_SECRET,
        KAPSO_API_KEY: 'kapso-project-key',
        KAPSO_API_BASE_URL: whatsapp.baseUrl,
        GROK_API_KEY: 'xai-test-key',
        GROK_BASE_URL: grok.baseUrl,
        // The expiry is the chain's deadlines plus this: small, so a wrong expiry would show.
        ARI_REPLY_JOB_MARGIN_MS: '1000',
      },
      engine,
    );
    workspaceId = (
      await createWorkspace(
        service.ctx.database.db,
        { name: 'Still Wanted', slug: 'still-wanted', kapsoPhoneId: PHONE_ID },
        {
          mouthChain: [{ provider: 'grok', model: `grok-wanted-${engine}`, timeoutMs: 5000 }],
          brainChain: [{ provider: 'rules', model: 'ari-rules-v1', timeoutMs: 1000 }],
        },
      )
    ).id;
  });
  afterAll(async () => {
    await service?.stopAll();
    await Promise.all([whatsapp?.close(), grok?.close()]);
  });

  const db = () => service.ctx.database.db;
  const nextPhone = () => `+62816${engine === 'pglite' ? '1' : '2'}${String(++counter).padStart(6, '0')}`;
  const say = (from: string, text: string) =>
    postKapso(service.url, kapsoEvent({ id: `wamid.wanted-${crypto.randomUUID()}`, from, text }));
  const sendsTo = (phone: string) => whatsapp.sends().filter((r) => r.body.to === phone.replace('+', ''));
  const conversationOf = async (phone: string) =>
    (
      await db()
        .select({ id: ariConversations.id })
        .from(ariConversations)
        .innerJoin(contacts, eq(contacts.id, ariConversations.contactId))
        .where(and(eq(contacts.phone, phone), eq(ariConversations.workspaceId, workspaceId)))
    )[0]?.id;
  const messagesOf = (conversationId: string) =>
    db()
      .select()
      .from(ariMessages)
      .where(eq(ariMessages.conversationId, conversationId))
      .orderBy(asc(ariMessages.createdAt));
  const paidMouthCalls = (conversationId: string) =>
    db()
      .select()
      .from(aiUsage)
      .where(and(eq(aiUsage.conversationId, conversationId), eq(aiUsage.provider, 'grok')))
      .orderBy(asc(aiUsage.createdAt));
  const replyJobs = (conversationId: string) =>
    service.ctx.database.query<{ state: string; retry_count: number; expire_seconds: number }>(
      `select state, retry_count, extract(epoch from expire_in)::int as expire_seconds
         from pgboss.job where name = 'reply' and data->>'conversationId' = $1`,
      [conversationId],
    );
  /** Every reply job of the conversation has finished (none waiting, running or due for a retry). */
  const repliesSettled = async (conversationId: string) => {
    const jobs = await replyJobs(conversationId);
    return jobs.length > 0 && jobs.every((j) => j.state === 'completed');
  };
  /** A customer who has been greeted (the greeting is the workspace's own words, no model). */
  const greeted = async () => {
    const phone = nextPhone();
    await say(phone, 'Halo');
    await eventually(() => sendsTo(phone).length === 1, 15_000, 'the greeting');
    const conversationId = (await conversationOf(phone))!;
    await eventually(() => repliesSettled(conversationId), 15_000, 'the greeting turn to finish');
    return { phone, conversationId };
  };

  it('sends no AI reply when a team member takes over during a slow model call', async () => {
    const { phone, conversationId } = await greeted();
    const before = grok.requests.length;
    grok.script({ delayMs: 1500, content: 'TEXT WRITTEN BEFORE THE TAKEOVER' });
    await say(phone, 'Nama saya Budi, mau kuliah S2');
    await eventually(() => grok.requests.length > before, 15_000, 'the slow model call');

    const takeover = await fetch(`${service.url}/api/v1/workspaces/still-wanted/conversations/${conversationId}/mode`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'human' }),
    });
    expect(takeover.status).toBe(200);

    // The call ends and is metered; then the turn finishes without committing anything.
    await eventually(async () => (await paidMouthCalls(conversationId)).length === 1, 15_000, 'the metered call');
    await eventually(() => repliesSettled(conversationId), 15_000, 'the turn to finish');
    const messages = await messagesOf(conversationId);
    expect(messages.filter((m) => m.direction === 'outbound')).toHaveLength(1); // the greeting only
    expect(messages.some((m) => m.content === 'TEXT WRITTEN BEFORE THE TAKEOVER')).toBe(false);
    expect(sendsTo(phone)).toHaveLength(1);
    // Left for the team, unanswered; the model call stays on the meter.
    expect(messages.at(-1)).toMatchObject({ direction: 'inbound', answeredAt: null });
    expect((await paidMouthCalls(conversationId))[0]).toMatchObject({ outcome: 'ok' });
    const [conversation] = await db().select().from(ariConversations).where(eq(ariConversations.id, conversationId));
    expect(conversation!.mode).toBe('human');
  });

  it('answers a message that came in during a slow model call together with the earlier one', async () => {
    const { phone, conversationId } = await greeted();
    const before = grok.requests.length;
    grok.script({ delayMs: 1500, content: 'TEXT FOR THE FIRST MESSAGE ALONE' });
    await say(phone, 'Nama saya Citra');
    await eventually(() => grok.requests.length > before, 15_000, 'the slow model call');
    await say(phone, 'Saya mau kuliah S2 ke Australia tahun depan');

    await eventually(async () => (await paidMouthCalls(conversationId)).length === 2, 15_000, 'both model calls');
    await eventually(() => repliesSettled(conversationId), 15_000, 'every turn to finish');
    const messages = await messagesOf(conversationId);
    const inbound = messages.filter((m) => m.direction === 'inbound');
    const replies = messages.filter((m) => m.direction === 'outbound');
    expect(replies).toHaveLength(2); // the greeting, then ONE reply
    const reply = replies[1]!;
    expect(reply.content).not.toBe('TEXT FOR THE FIRST MESSAGE ALONE');
    expect(reply.metadata.answers).toEqual([inbound[1]!.id, inbound[2]!.id]);
    await eventually(() => sendsTo(phone).length === 2, 15_000, 'the reply to reach the provider');
    expect(sendsTo(phone)[1]!.body).toMatchObject({ text: { body: reply.content } });
    // Both calls were made and stay metered, even the one whose text was dropped.
    expect((await paidMouthCalls(conversationId)).map((u) => u.outcome)).toEqual(['ok', 'ok']);
  });

  it('runs a 3-link chain of slow models once: its job outlives the chain, each link paid once', async () => {
    const chain: ModelChain = ['a', 'b', 'c'].map((x) => ({
      provider: 'grok' as const,
      model: `grok-slow-${x}-${engine}`,
      timeoutMs: 1500,
    }));
    await db().update(ariConfig).set({ mouthChain: chain }).where(eq(ariConfig.workspaceId, workspaceId));
    const { phone, conversationId } = await greeted();
    const before = grok.requests.length;
    grok.script({ delayMs: 10_000 }, { delayMs: 10_000 }, { delayMs: 10_000 });
    await say(phone, 'Nama saya Dewi, mau kuliah S1');

    await eventually(() => sendsTo(phone).length === 2, 30_000, 'the reply after the chain');
    await eventually(() => repliesSettled(conversationId), 15_000, 'the turn to finish');
    const jobs = await replyJobs(conversationId);
    // Mouth 3 × 1.5 s + the margin (1 s); the rules-only Brain adds nothing.
    const turnJob = jobs.find((j) => j.expire_seconds === 6);
    expect(turnJob).toMatchObject({ state: 'completed', retry_count: 0 });
    expect(jobs.every((j) => j.retry_count === 0)).toBe(true);
    expect(grok.requests.slice(before).map((r) => r.body.model)).toEqual(chain.map((l) => l.model));
    expect((await paidMouthCalls(conversationId)).map((u) => [u.model, u.outcome])).toEqual(
      chain.map((l) => [l.model, 'timeout']),
    );
    const replies = (await messagesOf(conversationId)).filter((m) => m.direction === 'outbound');
    expect(replies).toHaveLength(2);
    expect(replies[1]!.model).toBe('ari-rules-v1'); // every model timed out: the rules engine spoke
  });
});
