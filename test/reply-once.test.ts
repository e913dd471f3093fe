/**
 * A reply job that runs more than once — pg-boss retrying it, or several workers
 * (and processes) picking up jobs of one burst at the same moment — still makes ONE
 * reply and ONE send: on PGlite, and on PostgreSQL where the runs really overlap
 * on a pool of connections.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyToConversation } from '../src/conversations/reply-to-conversation.js';
import { aiUsage, ariConversations, ariMessages, contacts } from '../src/db/schema.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { startFakeWhatsApp, type FakeWhatsApp } from './support/fake-whatsapp.js';
import { ENGINES } from './support/test-database.js';
import { eventually, startTestService, type TestService } from './support/test-service.js';
import { waitForIdleQueues } from './support/wait-for-idle-queues.js';
import { KAPSO_SECRET, PHONE_ID, kapsoBatch, kapsoEvent, postKapso } from './support/webhook-payloads.js';

describe.each(ENGINES)('one reply per burst on %s', (engine) => {
  let fake: FakeWhatsApp;
  let service: TestService;
  let workspaceId: string;

  beforeAll(async () => {
    fake = await startFakeWhatsApp();
    service = await startTestService(
      {
        KAPSO_WEBHOOK_SECRET: KAPSO_SECRET,
        KAPSO_API_KEY: 'kapso-project-key',
        KAPSO_API_BASE_URL: fake.baseUrl,
        // Due at once: the webhook's own job races the extra runs below.
        ARI_DEBOUNCE_MS: '0',
      },
      engine,
    );
    workspaceId = (
      await createWorkspace(service.ctx.database.db, { name: 'Once', slug: 'once', kapsoPhoneId: PHONE_ID })
    ).id;
  });
  afterAll(async () => {
    await service?.stopAll();
    await fake?.close();
  });

  const db = () => service.ctx.database.db;
  const sendsTo = (digits: string) => fake.sends().filter((r) => r.body.to === digits);
  const conversationOf = async (phone: string) =>
    eventually(async () => {
      const [row] = await db()
        .select({ id: ariConversations.id })
        .from(ariConversations)
        .innerJoin(contacts, eq(contacts.id, ariConversations.contactId))
        .where(and(eq(ariConversations.workspaceId, workspaceId), eq(contacts.phone, phone)));
      return row?.id;
    });
  const outboundOf = (conversationId: string) =>
    db()
      .select()
      .from(ariMessages)
      .where(and(eq(ariMessages.conversationId, conversationId), eq(ariMessages.direction, 'outbound')));
  const mouthCallsOf = (conversationId: string) =>
    db()
      .select()
      .from(aiUsage)
      .where(and(eq(aiUsage.conversationId, conversationId), eq(aiUsage.aiType, 'mouth')));

  it('several workers on one burst at once: one reply, one send, one metered turn', async () => {
    const response = await postKapso(
      service.url,
      kapsoBatch([
        kapsoEvent({ id: 'wamid.once-1', from: '+6281600000001', text: 'Halo' }),
        kapsoEvent({ id: 'wamid.once-2', from: '+6281600000001', text: 'Mau tanya kuliah di Jepang' }),
      ]),
    );
    expect(await response.json()).toMatchObject({ stored: 2, repliesQueued: 1 });
    const conversationId = await conversationOf('+6281600000001');
    const job = { workspaceId, conversationId };
    // Three more queued jobs for the same burst (no singleton key, so the queue keeps them all)
    // for the idle workers, and two runs in this process, all at the moment the webhook's job runs.
    await service.ctx.jobs!.insert([
      { name: 'reply', data: job },
      { name: 'reply', data: job },
      { name: 'reply', data: job },
    ]);
    service.ctx.jobs!.wake('reply');
    const direct = await Promise.all([replyToConversation(service.ctx, job), replyToConversation(service.ctx, job)]);
    expect(direct.filter((outcome) => outcome === 'replied').length).toBeLessThanOrEqual(1);

    await waitForIdleQueues(service.ctx.database);
    const outbound = await outboundOf(conversationId);
    expect(outbound).toHaveLength(1);
    expect(outbound[0]).toMatchObject({ role: 'assistant', status: 'sent' });
    expect(sendsTo('6281600000001')).toHaveLength(1);
    expect(await mouthCallsOf(conversationId)).toHaveLength(1);
    const inbound = await db()
      .select()
      .from(ariMessages)
      .where(and(eq(ariMessages.conversationId, conversationId), eq(ariMessages.direction, 'inbound')));
    expect(inbound.every((m) => m.answeredAt !== null)).toBe(true);
  });

  it('a finished reply job run again (a retry) answers nothing and sends nothing', async () => {
    await postKapso(service.url, kapsoEvent({ id: 'wamid.once-retry', from: '+6281600000002', text: 'Halo' }));
    const conversationId = await conversationOf('+6281600000002');
    await eventually(() => sendsTo('6281600000002').length === 1, 10_000, 'the reply');
    await waitForIdleQueues(service.ctx.database);

    const job = { workspaceId, conversationId };
    expect(await replyToConversation(service.ctx, job)).toBe('nothing_to_answer');
    // The same job again through the queue, as pg-boss retries it after a worker lost its lease.
    await service.ctx.jobs!.send('reply', job);
    service.ctx.jobs!.wake('reply');
    await waitForIdleQueues(service.ctx.database);

    expect(await outboundOf(conversationId)).toHaveLength(1);
    expect(sendsTo('6281600000002')).toHaveLength(1);
    expect(await mouthCallsOf(conversationId)).toHaveLength(1);
  });
});
