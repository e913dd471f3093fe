/**
 * /webhooks/meta against the real server: the subscription handshake, signed
 * deliveries with several entries, and replies going out through the Graph API.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ariConversations, ariMessages, contacts } from '../src/db/schema.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { startFakeWhatsApp, type FakeWhatsApp } from './support/fake-whatsapp.js';
import { eventually, sleep, startTestService, type TestService } from './support/test-service.js';
import { META_SECRET, metaHeaders, postMeta } from './support/webhook-payloads.js';

const META_PHONE_ID = '2200330044';

function metaMessage(id: string, from: string, text: string) {
  return { from, id, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } };
}

describe('Meta webhook', () => {
  let fake: FakeWhatsApp;
  let service: TestService;

  beforeAll(async () => {
    fake = await startFakeWhatsApp();
    service = await startTestService({
      META_APP_SECRET: META_SECRET,
      META_VERIFY_TOKEN: 'verify-me',
      META_ACCESS_TOKEN: 'meta-access-token',
      META_GRAPH_BASE_URL: fake.baseUrl,
    });
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
    await eventually(() => fake.sends().length === 2, 10_000, 'two replies');
    for (const send of fake.sends()) {
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
      .where(eq(ariMessages.role, 'user'));
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
    await sleep(500);
    expect(fake.sends()).toHaveLength(2);
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
