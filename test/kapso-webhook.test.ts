/**
 * POST /webhooks/kapso against the real server and a fake Kapso API: single and
 * batch payloads, re-deliveries, echoes, statuses, unknown numbers, a workspace's
 * own (sealed) Kapso key, and every kind of bad input (with proof that nothing was
 * stored).
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ariConversations, ariMessages, contacts, workspaces } from '../src/db/schema.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { updateWorkspace } from '../src/workspaces/update-workspace.js';
import { startFakeWhatsApp, type FakeWhatsApp } from './support/fake-whatsapp.js';
import { ENGINES } from './support/test-database.js';
import { eventually, sleep, startTestService, type TestService } from './support/test-service.js';
import { waitForIdleQueues } from './support/wait-for-idle-queues.js';
import { KAPSO_SECRET, PHONE_ID, kapsoBatch, kapsoEvent, kapsoHeaders, postKapso } from './support/webhook-payloads.js';

describe.each(ENGINES)('Kapso webhook on %s', (engine) => {
  let fake: FakeWhatsApp;
  let service: TestService;
  let workspaceId: string;
  const ACK = 'Halo kak, terima kasih sudah menghubungi kami. Ada yang bisa kami bantu?';

  beforeAll(async () => {
    fake = await startFakeWhatsApp();
    service = await startTestService(
      // A debounce well above the gaps between the burst's messages, even on a loaded CI machine.
      {
        KAPSO_WEBHOOK_SECRET: KAPSO_SECRET,
        KAPSO_API_KEY: 'kapso-project-key',
        KAPSO_API_BASE_URL: fake.baseUrl,
        ARI_ENCRYPTION_KEY: 'a1'.repeat(32),
        ARI_DEBOUNCE_MS: '600',
      },
      engine,
    );
    const ws = await createWorkspace(
      service.ctx.database.db,
      { name: 'Kapso Test', slug: 'kapso-test', kapsoPhoneId: PHONE_ID },
      { greetingTemplate: ACK },
    );
    workspaceId = ws.id;
  });
  afterAll(async () => {
    await service?.stopAll();
    await fake?.close();
  });

  const db = () => service.ctx.database.db;
  const messageCount = async () =>
    (
      await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(ariMessages)
        .where(eq(ariMessages.workspaceId, workspaceId))
    )[0]!.n;
  const messagesOf = (phone: string) =>
    db()
      .select({
        role: ariMessages.role,
        content: ariMessages.content,
        status: ariMessages.status,
        providerMessageId: ariMessages.providerMessageId,
        error: ariMessages.error,
      })
      .from(ariMessages)
      .innerJoin(ariConversations, eq(ariConversations.id, ariMessages.conversationId))
      .innerJoin(contacts, eq(contacts.id, ariConversations.contactId))
      .where(eq(contacts.phone, phone))
      .orderBy(ariMessages.createdAt);
  const sendsTo = (digits: string) => fake.sends().filter((r) => r.body.to === digits);

  it('stores a single message with an E.164 contact and sends one acknowledgement through Kapso', async () => {
    const response = await postKapso(
      service.url,
      kapsoEvent({ id: 'wamid.single-1', from: '+6281111111111', text: 'Halo, mau tanya kuliah di Australia' }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, stored: 1, duplicates: 0, repliesQueued: 1 });

    const [contact] = await db().select().from(contacts).where(eq(contacts.phone, '+6281111111111'));
    expect(contact).toMatchObject({ workspaceId, name: 'Budi Santoso' });

    await eventually(() => sendsTo('6281111111111').length === 1, 10_000, 'the reply');
    const [send] = sendsTo('6281111111111');
    expect(send!.path).toBe(`/v24.0/${PHONE_ID}/messages`);
    expect(send!.headers['x-api-key']).toBe('kapso-project-key');
    expect(send!.body).toMatchObject({ messaging_product: 'whatsapp', type: 'text', text: { body: ACK } });
    expect(
      fake
        .reads()
        .some(
          (r) =>
            r.body.message_id === 'wamid.single-1' && (r.body.typing_indicator as { type: string }).type === 'text',
        ),
    ).toBe(true);

    const stored = await eventually(async () => {
      const rows = await messagesOf('+6281111111111');
      return rows.length === 2 && rows[1]!.status === 'sent' ? rows : null;
    });
    expect(stored[0]).toMatchObject({
      role: 'user',
      content: 'Halo, mau tanya kuliah di Australia',
      status: 'received',
    });
    expect(stored[1]).toMatchObject({
      role: 'assistant',
      content: ACK,
      status: 'sent',
      providerMessageId: expect.stringMatching(/^wamid\.fake-/),
    });
  });

  it('answers a batch of messages from one customer once, together', async () => {
    const response = await postKapso(
      service.url,
      kapsoBatch([
        kapsoEvent({ id: 'wamid.batch-1', from: '+6282222222222', text: 'Halo' }),
        kapsoEvent({ id: 'wamid.batch-2', from: '+6282222222222', text: 'Saya mau kuliah S2' }),
      ]),
    );
    expect(await response.json()).toMatchObject({ stored: 2, repliesQueued: 1 });
    await eventually(() => sendsTo('6282222222222').length === 1, 10_000, 'the reply');
    await waitForIdleQueues(service.ctx.database);
    expect(sendsTo('6282222222222')).toHaveLength(1);
  });

  it('debounces messages sent in quick succession into one reply', async () => {
    for (const [i, text] of ['Halo kak', 'saya Rina', 'mau tanya beasiswa'].entries()) {
      await postKapso(service.url, kapsoEvent({ id: `wamid.burst-${i}`, from: '+6283333333333', text }));
      await sleep(60);
    }
    await eventually(() => sendsTo('6283333333333').length === 1, 10_000, 'the reply');
    await waitForIdleQueues(service.ctx.database);
    expect(sendsTo('6283333333333')).toHaveLength(1);
    const rows = await messagesOf('+6283333333333');
    expect(rows.map((r) => r.role)).toEqual(['user', 'user', 'user', 'assistant']);
  });

  it('changes nothing on re-delivery: the same delivery twice, a batch then the same message alone, interleaved', async () => {
    const a = kapsoEvent({ id: 'wamid.dup-a', from: '+6284444444444', text: 'pertama' });
    const b = kapsoEvent({ id: 'wamid.dup-b', from: '+6284444444444', text: 'kedua' });
    const first = await postKapso(service.url, a);
    expect(await first.json()).toMatchObject({ stored: 1, duplicates: 0 });
    const again = await postKapso(service.url, a);
    expect(await again.json()).toMatchObject({ stored: 0, duplicates: 1, repliesQueued: 0 });
    // Interleaved and concurrent: a batch with both, then each alone, at once.
    const results = await Promise.all([
      postKapso(service.url, kapsoBatch([a, b])),
      postKapso(service.url, b),
      postKapso(service.url, a),
      postKapso(service.url, b),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await eventually(() => sendsTo('6284444444444').length >= 1, 10_000, 'the reply');
    await waitForIdleQueues(service.ctx.database);
    expect(sendsTo('6284444444444')).toHaveLength(1);
    const rows = await messagesOf('+6284444444444');
    expect(
      rows
        .filter((r) => r.role === 'user')
        .map((r) => r.content)
        .sort(),
    ).toEqual(['kedua', 'pertama']);
    expect(rows.filter((r) => r.role === 'assistant')).toHaveLength(1);
  });

  it('stores a business-app echo as a human message, never answers it, and stops the assistant', async () => {
    await postKapso(service.url, kapsoEvent({ id: 'wamid.echo-in', from: '+6285555555555', text: 'Halo' }));
    await eventually(() => sendsTo('6285555555555').length === 1, 10_000, 'the first reply');
    const echo = await postKapso(
      service.url,
      kapsoEvent({
        id: 'wamid.echo-out',
        from: '+6285555555555',
        text: 'Halo kak, saya Dewi dari tim Eagle',
        origin: 'business_app',
        direction: 'outbound',
      }),
      'whatsapp.message.sent',
    );
    expect(await echo.json()).toMatchObject({ stored: 1, repliesQueued: 0 });
    const rows = await messagesOf('+6285555555555');
    expect(rows.at(-1)).toMatchObject({ role: 'human', content: 'Halo kak, saya Dewi dari tim Eagle', status: 'sent' });
    const [conversation] = await db()
      .select()
      .from(ariConversations)
      .innerJoin(contacts, eq(contacts.id, ariConversations.contactId))
      .where(eq(contacts.phone, '+6285555555555'));
    expect(conversation!.ari_conversations.mode).toBe('human');
    // The customer writes again: the human has it, the assistant stays quiet.
    await postKapso(service.url, kapsoEvent({ id: 'wamid.echo-in-2', from: '+6285555555555', text: 'Oke kak' }));
    await waitForIdleQueues(service.ctx.database);
    expect(sendsTo('6285555555555')).toHaveLength(1);
  });

  it("counts a conversation's unread messages and last inbound time once per message, whatever is re-delivered", async () => {
    const phone = '+6285555500001';
    // A team member answers from the Business app first: human mode, so no reply resets the counters.
    await postKapso(
      service.url,
      kapsoEvent({ id: 'wamid.count-echo', from: phone, text: 'Halo', origin: 'business_app', direction: 'outbound' }),
      'whatsapp.message.sent',
    );
    const t = Math.floor(Date.now() / 1000);
    const a = kapsoEvent({ id: 'wamid.count-a', from: phone, text: 'satu', timestamp: t - 20 });
    const b = kapsoEvent({ id: 'wamid.count-b', from: phone, text: 'dua', timestamp: t - 10 });
    const c = kapsoEvent({ id: 'wamid.count-c', from: phone, text: 'tiga', timestamp: t - 30 });
    await postKapso(service.url, a);
    await postKapso(service.url, a);
    await postKapso(service.url, kapsoBatch([a, b, b]));
    // An older message arriving late does not move the last inbound time back.
    await Promise.all([postKapso(service.url, c), postKapso(service.url, kapsoBatch([c, a]))]);
    const [row] = await db()
      .select({
        unread: ariConversations.unreadCount,
        lastInboundAt: ariConversations.lastInboundAt,
        mode: ariConversations.mode,
      })
      .from(ariConversations)
      .innerJoin(contacts, eq(contacts.id, ariConversations.contactId))
      .where(eq(contacts.phone, phone));
    expect(row).toEqual({ unread: 3, lastInboundAt: new Date((t - 10) * 1000), mode: 'human' });
  });

  it('moves an outbound message through sent → delivered → read, ignores a late "delivered", and records failures', async () => {
    await postKapso(service.url, kapsoEvent({ id: 'wamid.status-in', from: '+6286666666666', text: 'Halo' }));
    const reply = await eventually(async () =>
      (await messagesOf('+6286666666666')).find((m) => m.role === 'assistant' && m.providerMessageId),
    );
    const statusEvent = (status: string) =>
      kapsoEvent({ id: reply.providerMessageId!, from: '+6286666666666', direction: 'outbound', status });
    for (const [event, expected] of [
      ['whatsapp.message.delivered', 'delivered'],
      ['whatsapp.message.read', 'read'],
      ['whatsapp.message.delivered', 'read'],
    ] as const) {
      const response = await postKapso(service.url, statusEvent(expected), event);
      expect(response.status).toBe(200);
      const current = (await messagesOf('+6286666666666')).find((m) => m.role === 'assistant');
      expect(current!.status).toBe(expected);
    }

    await postKapso(service.url, kapsoEvent({ id: 'wamid.status-in-2', from: '+6287777777777', text: 'Halo' }));
    const second = await eventually(async () =>
      (await messagesOf('+6287777777777')).find((m) => m.role === 'assistant' && m.providerMessageId),
    );
    const failed = kapsoEvent({
      id: second.providerMessageId!,
      from: '+6287777777777',
      direction: 'outbound',
      status: 'failed',
    });
    (failed.message.kapso as Record<string, unknown>).error = {
      code: 131047,
      message: 'Re-engagement message',
      error_data: { details: 'more than 24 hours have passed' },
    };
    await postKapso(service.url, failed, 'whatsapp.message.failed');
    const afterFailure = (await messagesOf('+6287777777777')).find((m) => m.role === 'assistant');
    expect(afterFailure).toMatchObject({ status: 'failed', error: '131047: more than 24 hours have passed' });
  });

  it('takes the event from the signed body: a replay relabelled in X-Webhook-Event cannot move a status backwards', async () => {
    await postKapso(service.url, kapsoEvent({ id: 'wamid.relabel-in', from: '+6286161616161', text: 'Halo' }));
    const reply = await eventually(async () =>
      (await messagesOf('+6286161616161')).find((m) => m.role === 'assistant' && m.providerMessageId),
    );
    const statusEvent = (status: string) =>
      kapsoEvent({ id: reply.providerMessageId!, from: '+6286161616161', direction: 'outbound', status });
    const current = async () => (await messagesOf('+6286161616161')).find((m) => m.role === 'assistant')!;

    // The signed body says "delivered", the header lies "sent": the body decides.
    const delivered = await postKapso(service.url, statusEvent('delivered'), 'whatsapp.message.sent');
    expect(await delivered.json()).toMatchObject({ statusUpdates: 1 });
    expect(await current()).toMatchObject({ status: 'delivered', error: null });

    // Replays of that delivery and of the earlier "sent", relabelled "failed": nothing moves.
    for (const [status, header] of [
      ['delivered', 'whatsapp.message.failed'],
      ['sent', 'whatsapp.message.failed'],
      ['sent', 'whatsapp.message.sent'],
    ] as const) {
      const response = await postKapso(service.url, statusEvent(status), header);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ events: 1, statusUpdates: 0 });
      expect(await current()).toMatchObject({ status: 'delivered', error: null });
    }
    // A batch names its event in its signed `type`: a "sent" batch relabelled "failed" is still "sent".
    const batch = { type: 'whatsapp.message.sent', batch: true, data: [statusEvent('sent')], batch_info: { size: 1 } };
    const batchResponse = await postKapso(service.url, batch, 'whatsapp.message.failed');
    expect(await batchResponse.json()).toMatchObject({ events: 1, statusUpdates: 0 });
    // Even a genuine (signed) "failed" after "delivered" does not undo the delivery.
    const signedFailure = await postKapso(service.url, statusEvent('failed'), 'whatsapp.message.failed');
    expect(await signedFailure.json()).toMatchObject({ events: 1, statusUpdates: 0 });
    expect(await current()).toMatchObject({ status: 'delivered', error: null });
    // Forward still moves: "read" is applied.
    const read = await postKapso(service.url, statusEvent('read'), 'whatsapp.message.delivered');
    expect(await read.json()).toMatchObject({ statusUpdates: 1 });
    expect(await current()).toMatchObject({ status: 'read', error: null });
  });

  it("sends with a workspace's own Kapso key, stored sealed: the provider sees that key, the row holds no plaintext", async () => {
    const ownPhoneId = '2098765432102';
    const ownKey = 'kapso-key-of-own-workspace-7f3a9c';
    await createWorkspace(
      db(),
      { name: 'Own Key', slug: 'own-key', kapsoPhoneId: ownPhoneId },
      { greetingTemplate: ACK },
    );
    await updateWorkspace(db(), { slug: 'own-key', kapsoApiKey: ownKey }, service.ctx.config.encryptionKey);
    const [row] = await db().select().from(workspaces).where(eq(workspaces.slug, 'own-key'));
    expect(row!.kapsoApiKeyCiphertext).toMatch(/^v2:/);
    expect(JSON.stringify(row)).not.toContain(ownKey);
    expect(JSON.stringify(row)).not.toContain(Buffer.from(ownKey).toString('base64'));

    const response = await postKapso(
      service.url,
      kapsoEvent({ id: 'wamid.own-key-1', from: '+6281010101010', text: 'Halo', phoneNumberId: ownPhoneId }),
    );
    expect(await response.json()).toMatchObject({ stored: 1, repliesQueued: 1 });
    await eventually(() => sendsTo('6281010101010').length === 1, 10_000, 'the reply');
    const [send] = sendsTo('6281010101010');
    expect(send!.path).toBe(`/v24.0/${ownPhoneId}/messages`);
    expect(send!.headers['x-api-key']).toBe(ownKey);
    const read = await eventually(() => fake.reads().find((r) => r.body.message_id === 'wamid.own-key-1'));
    expect(read.headers['x-api-key']).toBe(ownKey);
    // The other workspace still sends with the project's key.
    expect(
      fake
        .sends()
        .filter((r) => r.path.includes(PHONE_ID))
        .every((r) => r.headers['x-api-key'] === 'kapso-project-key'),
    ).toBe(true);
  });

  it('keeps an event for a number that belongs to no workspace as a dead letter, and ignores unknown events', async () => {
    const before = await messageCount();
    const unknownNumber = await postKapso(
      service.url,
      kapsoEvent({ id: 'wamid.unknown-1', from: '+6288888888888', phoneNumberId: '999000999000' }),
    );
    expect(unknownNumber.status).toBe(200);
    expect(await unknownNumber.json()).toMatchObject({ deadLetters: 1, stored: 0 });
    const dead = await service.ctx.database.db.execute(
      sql`select reason, workspace_id from dead_letters where raw::text like '%wamid.unknown-1%'`,
    );
    expect((dead as unknown as { rows: unknown[] }).rows).toEqual([
      { reason: 'unknown_phone_number_id', workspace_id: null },
    ]);
    const unknownEvent = await postKapso(service.url, { conversation: { id: 'x' } }, 'whatsapp.conversation.ended');
    expect(unknownEvent.status).toBe(200);
    expect(await messageCount()).toBe(before);
  });

  it('refuses bad signatures (401), bodies that are not JSON objects (400) and oversized ones (413), storing nothing', async () => {
    const before = await messageCount();
    const body = JSON.stringify(kapsoEvent({ id: 'wamid.bad-1', from: '+6289999999999' }));
    const post = (payload: string | Buffer, headers: Record<string, string>) =>
      fetch(`${service.url}/webhooks/kapso`, { method: 'POST', headers, body: payload });

    const wrongSecret = await post(body, kapsoHeaders(body, 'whatsapp.message.received', 'another-secret'));
    expect(wrongSecret.status).toBe(401);
    const noSignature = await post(body, {
      'content-type': 'application/json',
      'x-webhook-event': 'whatsapp.message.received',
    });
    expect(noSignature.status).toBe(401);
    // A body changed after signing (e.g. re-serialised JSON) no longer matches.
    const reformatted = JSON.stringify(JSON.parse(body), null, 2);
    expect((await post(reformatted, kapsoHeaders(body))).status).toBe(401);

    const malformed = '{"message": ';
    const malformedResponse = await post(malformed, kapsoHeaders(malformed));
    expect(malformedResponse.status).toBe(400);
    expect(((await malformedResponse.json()) as { error: string }).error).toMatch(/^malformed JSON/);

    for (const notAnObject of ['[1, 2]', '"hello"', 'null']) {
      const response = await post(notAnObject, kapsoHeaders(notAnObject));
      expect(response.status).toBe(400);
    }

    const huge = JSON.stringify({ ...kapsoEvent({ id: 'wamid.huge' }), padding: 'x'.repeat(1024 * 1024) });
    expect((await post(huge, kapsoHeaders(huge))).status).toBe(413);

    expect(await messageCount()).toBe(before);
  });
});
