/**
 * Ambiguous sends: a send whose outcome is unknown (the provider stalls past the
 * client's deadline) is never repeated at once. The provider's status webhook with
 * our biz_opaque_callback_data proves it; without one it is sent once more, with
 * the same callback data, and marked "sent again". Either way: one message.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ariConversations, ariMessages, contacts } from '../src/db/schema.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { startFakeWhatsApp, type FakeWhatsApp } from './support/fake-whatsapp.js';
import { ENGINES } from './support/test-database.js';
import { eventually, startTestService, type TestService } from './support/test-service.js';
import { KAPSO_SECRET, PHONE_ID, kapsoEvent, kapsoStatus, postKapso } from './support/webhook-payloads.js';

const ADMIN = 'send-confirmation-admin';

describe.each(ENGINES)('sends of unknown outcome, on %s', (engine) => {
  let whatsapp: FakeWhatsApp;
  let service: TestService;
  let workspaceId: string;
  const digits = (n: number) => `62818${engine === 'pglite' ? '1' : '2'}000000${n}`;

  beforeAll(async () => {
    whatsapp = await startFakeWhatsApp();
    service = await startTestService(
      {
        ARI_ADMIN_TOKEN: ADMIN,
        KAPSO_WEBHOOK_SECRET: KAPSO_SECRET,
        KAPSO_API_KEY: 'kapso-project-key',
        KAPSO_API_BASE_URL: whatsapp.baseUrl,
        ARI_SEND_TIMEOUT_MS: '400',
        ARI_SEND_CONFIRM_WINDOW_MS: '2500',
      },
      engine,
    );
    workspaceId = (
      await createWorkspace(service.ctx.database.db, {
        name: 'Confirm Test',
        slug: 'confirm-test',
        kapsoPhoneId: PHONE_ID,
      })
    ).id;
    // As Kapso and Meta do: a status webhook for every message taken.
    whatsapp.onAccepted = (send) => {
      setTimeout(() => {
        postKapso(service.url, kapsoStatus(send), 'whatsapp.message.sent').catch(() => undefined);
      }, 200);
    };
  });
  afterAll(async () => {
    await service?.stopAll();
    await whatsapp?.close();
  });

  const reply = async (phoneDigits: string) =>
    (
      await service.ctx.database.db
        .select({ message: ariMessages })
        .from(ariMessages)
        .innerJoin(ariConversations, eq(ariConversations.id, ariMessages.conversationId))
        .innerJoin(contacts, eq(contacts.id, ariConversations.contactId))
        .where(
          and(
            eq(contacts.phone, `+${phoneDigits}`),
            eq(ariMessages.direction, 'outbound'),
            eq(ariMessages.workspaceId, workspaceId),
          ),
        )
    )[0]?.message;
  const checkDone = async (messageId: string) =>
    (
      await service.ctx.database.query<{ state: string }>(
        `select state from pgboss.job where name = 'confirm-send' and singleton_key = $1`,
        [messageId],
      )
    ).some((j) => j.state === 'completed');

  it('waits for the status webhook of a send whose answer came too late: the customer gets exactly one message', async () => {
    const to = digits(1);
    whatsapp.script({ status: 200, body: undefined, stallMs: 1500 }); // taken, answered after the 400 ms deadline
    await postKapso(service.url, kapsoEvent({ id: `wamid.stall-${engine}`, from: `+${to}`, text: 'Halo' }));
    const row = await eventually(
      async () => {
        const m = await reply(to);
        return m && (await checkDone(m.id)) ? m : null;
      },
      20_000,
      'the confirmation check',
    );
    const accepted = whatsapp.accepted.filter((s) => s.to === to);
    expect(accepted).toHaveLength(1);
    expect(whatsapp.sends().filter((r) => r.body.to === to)).toHaveLength(1);
    expect(row).toMatchObject({ status: 'sent', providerMessageId: accepted[0]!.providerMessageId, resentAt: null });
    expect(accepted[0]!.callbackData).toBe(row.id);
  });

  it('sends once more, with the same callback data, when neither an answer nor a status came; marked sent again', async () => {
    const to = digits(2);
    whatsapp.script({ status: 200, body: undefined, lose: true, stallMs: 1000 }); // never taken, connection cut
    await postKapso(service.url, kapsoEvent({ id: `wamid.lost-${engine}`, from: `+${to}`, text: 'Halo' }));
    const row = await eventually(
      async () => {
        const m = await reply(to);
        return m?.status === 'sent' && m.resentAt ? m : null;
      },
      20_000,
      'the second send',
    );
    const requests = whatsapp.sends().filter((r) => r.body.to === to);
    expect(requests).toHaveLength(2);
    expect(requests.map((r) => r.body.biz_opaque_callback_data)).toEqual([row.id, row.id]);
    expect(requests[1]!.headers['idempotency-key']).toBe(requests[0]!.headers['idempotency-key']);
    expect(requests[1]!.at - requests[0]!.at).toBeGreaterThanOrEqual(2500); // not at once: after the window
    expect(whatsapp.accepted.filter((s) => s.to === to)).toHaveLength(1);
    // The console's message list shows it.
    const thread = (await (
      await fetch(`${service.url}/api/v1/workspaces/confirm-test/conversations/${row.conversationId}`, {
        headers: { authorization: `Bearer ${ADMIN}` },
      })
    ).json()) as { conversation: { messages: Array<{ id: string; resentAt: string | null }> } };
    expect(thread.conversation.messages.find((m) => m.id === row.id)!.resentAt).toBeTruthy();
  });

  it('lets a late provider status lift a send marked failed "delivery unknown", through the signed webhook', async () => {
    const to = digits(4);
    const lost = { status: 200, body: undefined, lose: true, stallMs: 600 } as const;
    whatsapp.script(lost, lost); // neither the first send nor the second is answered, and no status comes
    await postKapso(service.url, kapsoEvent({ id: `wamid.unknown-${engine}`, from: `+${to}`, text: 'Halo' }));
    const row = await eventually(
      async () => {
        const m = await reply(to);
        return m?.status === 'failed' ? m : null;
      },
      30_000,
      'the send marked delivery unknown',
    );
    expect(row.error).toMatch(/^delivery unknown/);
    expect(whatsapp.sends().filter((r) => r.body.to === to)).toHaveLength(2);

    // The provider did take it after all: its status names our row by the callback data only.
    const late = { providerMessageId: `wamid.late-${engine}`, to, callbackData: row.id };
    expect((await postKapso(service.url, kapsoStatus(late, 'delivered'), 'whatsapp.message.delivered')).status).toBe(
      200,
    );
    expect(await reply(to)).toMatchObject({
      status: 'delivered',
      providerMessageId: late.providerMessageId,
      error: null,
    });
    // And later statuses find it by the provider id, as any other send.
    await postKapso(service.url, kapsoStatus({ ...late, callbackData: undefined }, 'read'), 'whatsapp.message.read');
    expect(await reply(to)).toMatchObject({ status: 'read', error: null });
  }, 40_000);

  it("never lifts a provider's own failure: a later delivered status leaves it failed", async () => {
    const to = digits(5);
    await postKapso(service.url, kapsoEvent({ id: `wamid.refused-${engine}`, from: `+${to}`, text: 'Halo' }));
    const sent = await eventually(
      async () => {
        const m = await reply(to);
        return m?.status === 'sent' ? m : null;
      },
      20_000,
      'the send',
    );
    const send = { providerMessageId: sent.providerMessageId!, to, callbackData: sent.id };
    const failed = kapsoStatus(send, 'failed');
    (failed.message.kapso as Record<string, unknown>).error = { code: 131026, title: 'Message undeliverable' };
    await postKapso(service.url, failed, 'whatsapp.message.failed');
    expect(await reply(to)).toMatchObject({ status: 'failed', error: '131026: Message undeliverable' });
    await postKapso(service.url, kapsoStatus(send, 'delivered'), 'whatsapp.message.delivered');
    expect(await reply(to)).toMatchObject({ status: 'failed', error: '131026: Message undeliverable' });
  });

  it('retries at once when the provider certainly did not take it (429), without waiting for a status', async () => {
    const to = digits(3);
    whatsapp.script({
      status: 429,
      body: { error: { message: 'Rate limit hit', type: 'OAuthException', code: 130429 } },
    });
    await postKapso(service.url, kapsoEvent({ id: `wamid.429-${engine}`, from: `+${to}`, text: 'Halo' }));
    const row = await eventually(
      async () => {
        const m = await reply(to);
        return m?.status === 'sent' ? m : null;
      },
      20_000,
      'the retried send',
    );
    const requests = whatsapp.sends().filter((r) => r.body.to === to);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.at - requests[0]!.at).toBeLessThan(2500);
    expect(row.resentAt).toBeNull();
  });
});
