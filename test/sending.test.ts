/**
 * The outbox and the send job against a fake Kapso API: retries that honour
 * Retry-After, failures recorded with the provider's reason, the 24-hour window,
 * and no blind second send after a crash mid-send: a check after the window sends once more.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ariConversations, ariMessages, contacts } from '../src/db/schema.js';
import { queueOutboundMessage } from '../src/outbox/queue-outbound-message.js';
import { confirmSend } from '../src/outbox/confirm-send.js';
import { sendOutboundMessage } from '../src/outbox/send-outbound-message.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { startFakeWhatsApp, type FakeWhatsApp } from './support/fake-whatsapp.js';
import { ENGINES } from './support/test-database.js';
import { eventually, startTestService, type TestService } from './support/test-service.js';
import { waitForIdleQueues } from './support/wait-for-idle-queues.js';
import { KAPSO_SECRET, PHONE_ID, kapsoEvent, postKapso } from './support/webhook-payloads.js';

describe.each(ENGINES)('sending on %s', (engine) => {
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
        ARI_SEND_MAX_ATTEMPTS: '3',
      },
      engine,
    );
    workspaceId = (
      await createWorkspace(service.ctx.database.db, { name: 'Send Test', slug: 'send-test', kapsoPhoneId: PHONE_ID })
    ).id;
  });
  afterAll(async () => {
    await service?.stopAll();
    await fake?.close();
  });

  const db = () => service.ctx.database.db;
  const sendsTo = (digits: string) => fake.sends().filter((r) => r.body.to === digits);
  const assistantMessage = async (phone: string) =>
    (
      await db()
        .select({ message: ariMessages, conversationId: ariConversations.id })
        .from(ariMessages)
        .innerJoin(ariConversations, eq(ariConversations.id, ariMessages.conversationId))
        .innerJoin(contacts, eq(contacts.id, ariConversations.contactId))
        .where(sql`${contacts.phone} = ${phone} and ${ariMessages.direction} = 'outbound'`)
    )[0];

  it('delivers once after a 429 with Retry-After, waiting as told', async () => {
    fake.script({
      status: 429,
      headers: { 'retry-after': '1' },
      body: { error: { message: 'Rate limit hit', type: 'OAuthException', code: 130429 } },
    });
    await postKapso(service.url, kapsoEvent({ id: 'wamid.rl-1', from: '+6281400000001' }));
    const sent = await eventually(
      async () => {
        const row = await assistantMessage('+6281400000001');
        return row?.message.status === 'sent' ? row.message : null;
      },
      15_000,
      'the retried send',
    );
    const attempts = sendsTo('6281400000001');
    expect(attempts).toHaveLength(2);
    expect(sent.providerMessageId).toMatch(/^wamid\.fake-/);
    expect(sent.error).toBeNull();
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(900); // Retry-After: 1
    await waitForIdleQueues(service.ctx.database);
    expect(sendsTo('6281400000001')).toHaveLength(2);
  });

  it('marks a message failed with the provider reason when the error is final, after one request', async () => {
    fake.script({
      status: 400,
      body: {
        error: {
          message: '(#100) Invalid parameter',
          type: 'OAuthException',
          code: 100,
          error_data: { details: 'Invalid recipient' },
        },
      },
    });
    await postKapso(service.url, kapsoEvent({ id: 'wamid.final-1', from: '+6281400000002' }));
    const failed = await eventually(
      async () => {
        const row = await assistantMessage('+6281400000002');
        return row?.message.status === 'failed' ? row.message : null;
      },
      15_000,
      'the failure',
    );
    expect(failed.error).toContain('Invalid recipient');
    expect(sendsTo('6281400000002')).toHaveLength(1);
  });

  it('gives up after ARI_SEND_MAX_ATTEMPTS on repeated 5xx, keeping the last reason', async () => {
    const boom = {
      status: 503,
      body: { error: { message: 'Service temporarily unavailable', type: 'OAuthException', code: 2 } },
    };
    fake.script(boom, boom, boom);
    await postKapso(service.url, kapsoEvent({ id: 'wamid.5xx-1', from: '+6281400000003' }));
    const failed = await eventually(
      async () => {
        const row = await assistantMessage('+6281400000003');
        return row?.message.status === 'failed' ? row.message : null;
      },
      20_000,
      'the final failure',
    );
    expect(sendsTo('6281400000003')).toHaveLength(3);
    expect(failed.error).toContain('503');
  });

  it('refuses to send outside the 24-hour window, with the reason, sending nothing', async () => {
    await postKapso(service.url, kapsoEvent({ id: 'wamid.window-1', from: '+6281400000004' }));
    const first = await eventually(async () => {
      const row = await assistantMessage('+6281400000004');
      return row?.message.status === 'sent' ? row : null;
    });
    // The customer's last message was 25 hours ago; a team member tries to write.
    await db()
      .update(ariConversations)
      .set({ lastInboundAt: new Date(Date.now() - 25 * 3600_000) })
      .where(eq(ariConversations.id, first.conversationId));
    const messageId = await db().transaction((tx) =>
      queueOutboundMessage(service.ctx, tx, {
        workspaceId,
        conversationId: first.conversationId,
        role: 'human',
        content: 'Halo kak, masih tertarik?',
      }),
    );
    const failed = await eventually(async () => {
      const [row] = await db().select().from(ariMessages).where(eq(ariMessages.id, messageId));
      return row?.status === 'failed' ? row : null;
    });
    expect(failed.error).toContain('outside the 24-hour customer service window');
    expect(sendsTo('6281400000004')).toHaveLength(1); // only the first reply, a day earlier
  });

  it('never sends twice when a worker died mid-send; a status webhook with our callback data completes it', async () => {
    await postKapso(service.url, kapsoEvent({ id: 'wamid.crash-1', from: '+6281400000005' }));
    const first = await eventually(async () => {
      const row = await assistantMessage('+6281400000005');
      return row?.message.status === 'sent' ? row : null;
    });
    const requestsBefore = fake.sends().length;
    const insertSending = (content: string) =>
      db()
        .insert(ariMessages)
        .values({
          workspaceId,
          conversationId: first.conversationId,
          role: 'assistant',
          direction: 'outbound',
          content,
          status: 'sending',
          sendStartedAt: new Date(),
        })
        .returning({ id: ariMessages.id });

    // Died mid-request and nothing heard since: not re-sent at once; the check waits for the window.
    const [lost] = await insertSending('lost in flight');
    const lostJob = { workspaceId, messageId: lost!.id, attempt: 1 };
    expect(await sendOutboundMessage(service.ctx, lostJob)).toBe('awaiting_confirmation');
    expect(await confirmSend(service.ctx, lostJob)).toBe('waiting');
    expect(fake.sends().length).toBe(requestsBefore);

    // Died mid-request, but WhatsApp's status webhook named our message: it was sent.
    const [landed] = await insertSending('landed before the crash');
    const status = kapsoEvent({
      id: 'wamid.provider-landed',
      from: '+6281400000005',
      direction: 'outbound',
      status: 'delivered',
    });
    (status.message.kapso as Record<string, unknown>).biz_opaque_callback_data = landed!.id;
    await postKapso(service.url, status, 'whatsapp.message.delivered');
    expect(await sendOutboundMessage(service.ctx, { workspaceId, messageId: landed!.id, attempt: 1 })).toBe(
      'already_done',
    );
    const [landedRow] = await db().select().from(ariMessages).where(eq(ariMessages.id, landed!.id));
    expect(landedRow).toMatchObject({ status: 'delivered', providerMessageId: 'wamid.provider-landed' });

    // A re-run of a finished job does nothing.
    expect(await sendOutboundMessage(service.ctx, { workspaceId, messageId: first.message.id, attempt: 1 })).toBe(
      'already_done',
    );
    expect(await confirmSend(service.ctx, { workspaceId, messageId: landed!.id, attempt: 1 })).toBe('settled');
    expect(fake.sends().length).toBe(requestsBefore);

    // The window has passed with no status for the lost one: sent once more, marked so; never a third time.
    const afterWindow = new Date(Date.now() + service.ctx.config.sendConfirmWindowMs + 1000);
    expect(await confirmSend(service.ctx, lostJob, afterWindow)).toBe('resent');
    const resent = await eventually(async () => {
      const [row] = await db().select().from(ariMessages).where(eq(ariMessages.id, lost!.id));
      return row?.status === 'sent' ? row : null;
    });
    expect(resent.resentAt).not.toBeNull();
    expect(fake.sends().length).toBe(requestsBefore + 1);
    expect(fake.sends().at(-1)!.body).toMatchObject({ biz_opaque_callback_data: lost!.id });
  });
});
