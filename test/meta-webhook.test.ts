/**
 * /webhooks/meta against the real server: the subscription handshake, signed
 * deliveries with several entries, replies going out through the Graph API, and
 * the statuses, failure reasons and echoes Meta sends back.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ariConversations, ariMessages, contacts } from '../src/db/schema.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { startFakeWhatsApp, type FakeWhatsApp } from './support/fake-whatsapp.js';
import { ENGINES } from './support/test-database.js';
import { eventually, startTestService, type TestService } from './support/test-service.js';
import { waitForIdleQueues } from './support/wait-for-idle-queues.js';
import { META_SECRET, metaHeaders, postMeta } from './support/webhook-payloads.js';

const META_PHONE_ID = '2200330044';

function metaMessage(id: string, from: string, text: string) {
  return { from, id, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } };
}

describe.each(ENGINES)('Meta webhook on %s', (engine) => {
  let fake: FakeWhatsApp;
  let service: TestService;

  beforeAll(async () => {
    fake = await startFakeWhatsApp();
    service = await startTestService(
      {
        META_APP_SECRET: META_SECRET,
        META_VERIFY_TOKEN: 'verify-me',
        META_ACCESS_TOKEN: 'meta-access-token',
        META_GRAPH_BASE_URL: fake.baseUrl,
      },
      engine,
    );
    await createWorkspace(
      service.ctx.database.db,
      { name: 'Meta Test', slug: 'meta-test', kapsoPhoneId: META_PHONE_ID },
      { greetingTemplate: 'Siap kak, ada yang bisa dibantu?' },
    );
  });
  afterAll(async () => {
    await service?.stopAll();
    await fake?.close();
  });

  it('answers the hub.challenge handshake only with the right verify token', async () => {
    const ok = await fetch(
      `${service.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await fetch(`${service.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    expect(wrong.status).toBe(403);
  });

  it('stores every message of several entries and replies to each customer through the Graph API', async () => {
    const value = (messages: unknown[]) => ({
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '6221555000', phone_number_id: META_PHONE_ID },
      contacts: [
        { wa_id: '6281300000001', profile: { name: 'Ayu' } },
        { wa_id: '6281300000002', profile: { name: 'Bima' } },
      ],
      messages,
    });
    const response = await postMeta(service.url, {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'waba',
          changes: [{ field: 'messages', value: value([metaMessage('wamid.m-1', '6281300000001', 'Halo')]) }],
        },
        {
          id: 'waba',
          changes: [
            {
              field: 'messages',
              value: value([
                metaMessage('wamid.m-2', '6281300000002', 'Permisi'),
                {
                  ...metaMessage('wamid.m-3', '6281300000002', ''),
                  type: 'image',
                  image: { id: 'img', caption: 'ini paspor' },
                },
              ]),
            },
            { field: 'message_template_status_update', value: { event: 'APPROVED' } },
          ],
        },
      ],
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ stored: 3, repliesQueued: 2 });
    const sends = () => fake.sends().filter((r) => ['6281300000001', '6281300000002'].includes(r.body.to as string));
    await eventually(() => sends().length === 2, 10_000, 'two replies');
    for (const send of sends()) {
      expect(send.headers.authorization).toBe('Bearer meta-access-token');
      expect(send.path).toBe(`/v24.0/${META_PHONE_ID}/messages`);
      expect(send.body).toMatchObject({
        text: { body: 'Siap kak, ada yang bisa dibantu?' },
        biz_opaque_callback_data: expect.any(String),
      });
    }
    const stored = await service.ctx.database.db
      .select({
        content: ariMessages.content,
        phone: contacts.phone,
        name: contacts.name,
        channel: ariConversations.channel,
      })
      .from(ariMessages)
      .innerJoin(ariConversations, eq(ariConversations.id, ariMessages.conversationId))
      .innerJoin(contacts, eq(contacts.id, ariConversations.contactId))
      .where(and(eq(ariMessages.role, 'user'), inArray(contacts.phone, ['+6281300000001', '+6281300000002'])));
    expect(stored).toEqual(
      expect.arrayContaining([
        { content: 'Halo', phone: '+6281300000001', name: 'Ayu', channel: 'meta' },
        { content: 'ini paspor', phone: '+6281300000002', name: 'Bima', channel: 'meta' },
      ]),
    );
    // The media is kept beside the text (the caption is the text).
    const [image] = await service.ctx.database.db
      .select({ media: ariMessages.media })
      .from(ariMessages)
      .where(eq(ariMessages.providerMessageId, 'wamid.m-3'));
    expect(image!.media).toMatchObject({ kind: 'image', id: 'img', caption: 'ini paspor', voice: false });
    await waitForIdleQueues(service.ctx.database);
    expect(sends()).toHaveLength(2);
  });

  const db = () => service.ctx.database.db;
  const sendsTo = (digits: string) => fake.sends().filter((r) => r.body.to === digits);
  const value = (fields: Record<string, unknown>) => ({
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: '6221555000', phone_number_id: META_PHONE_ID },
    ...fields,
  });
  const delivery = (field: string, fields: Record<string, unknown>) => ({
    object: 'whatsapp_business_account',
    entry: [{ id: 'waba', changes: [{ field, value: value(fields) }] }],
  });
  const threadOf = (phone: string) =>
    db()
      .select({ message: ariMessages, conversation: ariConversations })
      .from(ariMessages)
      .innerJoin(ariConversations, eq(ariConversations.id, ariMessages.conversationId))
      .innerJoin(contacts, eq(contacts.id, ariConversations.contactId))
      .where(eq(contacts.phone, phone))
      .orderBy(ariMessages.createdAt);
  /** A customer writes; resolves with the assistant's sent reply. */
  const customerWrites = async (id: string, digits: string) => {
    const response = await postMeta(
      service.url,
      delivery('messages', {
        contacts: [{ wa_id: digits, profile: { name: 'Dewi' } }],
        messages: [metaMessage(id, digits, 'Halo')],
      }),
    );
    expect(response.status).toBe(200);
    return eventually(
      async () =>
        (await threadOf(`+${digits}`)).find((r) => r.message.role === 'assistant' && r.message.providerMessageId)
          ?.message,
      10_000,
      'the reply sent',
    );
  };
  const status = (id: string, digits: string, name: string, extra: Record<string, unknown> = {}) => ({
    id,
    status: name,
    timestamp: String(Math.floor(Date.now() / 1000)),
    recipient_id: digits,
    ...extra,
  });

  it('moves a reply through delivered and read as Meta reports it, and ignores a late "delivered"', async () => {
    const reply = await customerWrites('wamid.m-status-in', '6281300000011');
    for (const [name, expected] of [
      ['delivered', 'delivered'],
      ['read', 'read'],
      ['delivered', 'read'],
    ] as const) {
      const response = await postMeta(
        service.url,
        delivery('messages', { statuses: [status(reply.providerMessageId!, '6281300000011', name)] }),
      );
      expect(response.status).toBe(200);
      const [row] = await db().select().from(ariMessages).where(eq(ariMessages.id, reply.id));
      expect(row!.status).toBe(expected);
    }
  });

  it("records Meta's failure reason on the message it names", async () => {
    const reply = await customerWrites('wamid.m-failed-in', '6281300000012');
    const response = await postMeta(
      service.url,
      delivery('messages', {
        statuses: [
          status(reply.providerMessageId!, '6281300000012', 'failed', {
            errors: [
              {
                code: 131026,
                title: 'Message undeliverable',
                message: 'Message undeliverable',
                error_data: { details: 'the recipient is not on WhatsApp' },
              },
            ],
          }),
        ],
      }),
    );
    expect(response.status).toBe(200);
    const [row] = await db().select().from(ariMessages).where(eq(ariMessages.id, reply.id));
    expect(row).toMatchObject({ status: 'failed', error: '131026: the recipient is not on WhatsApp' });
  });

  it('stores an echo from the business app as a human message, hands the conversation over, and stays quiet after', async () => {
    await customerWrites('wamid.m-echo-in', '6281300000013');
    const echo = await postMeta(
      service.url,
      delivery('smb_message_echoes', {
        message_echoes: [
          {
            from: '6221555000',
            to: '6281300000013',
            id: 'wamid.m-echo-out',
            timestamp: String(Math.floor(Date.now() / 1000)),
            type: 'text',
            text: { body: 'Halo kak, saya Dewi dari tim kami' },
          },
        ],
      }),
    );
    expect(echo.status).toBe(200);
    expect(await echo.json()).toMatchObject({ stored: 1, repliesQueued: 0 });
    const thread = await threadOf('+6281300000013');
    expect(thread.at(-1)!.message).toMatchObject({
      role: 'human',
      content: 'Halo kak, saya Dewi dari tim kami',
      providerMessageId: 'wamid.m-echo-out',
    });
    expect(thread.at(-1)!.conversation.mode).toBe('human');

    // The customer answers: the team has the conversation, the assistant sends nothing.
    await postMeta(
      service.url,
      delivery('messages', { messages: [metaMessage('wamid.m-echo-in-2', '6281300000013', 'Oke kak')] }),
    );
    await waitForIdleQueues(service.ctx.database);
    expect(sendsTo('6281300000013')).toHaveLength(1);
    expect((await threadOf('+6281300000013')).map((r) => r.message.role)).toEqual([
      'user',
      'assistant',
      'human',
      'user',
    ]);
  });

  it('refuses a wrong X-Hub-Signature-256 and a missing one', async () => {
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
    const bad = await fetch(`${service.url}/webhooks/meta`, {
      method: 'POST',
      headers: metaHeaders(body, 'wrong'),
      body,
    });
    expect(bad.status).toBe(401);
    const none = await fetch(`${service.url}/webhooks/meta`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(none.status).toBe(401);
    const invalid = JSON.stringify(['not', 'an', 'object']);
    expect(
      (await fetch(`${service.url}/webhooks/meta`, { method: 'POST', headers: metaHeaders(invalid), body: invalid }))
        .status,
    ).toBe(400);
  });
});
