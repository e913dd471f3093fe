/**
 * Backfill from Kapso's message history (fake Kapso speaking the wire format):
 * what webhooks missed is stored once through the webhook path, a second run adds
 * nothing, paging is followed, a Kapso error leaves the reconciled point where it
 * was and is reported, and a message recovered after the 24-hour window is left
 * for the team instead of being answered.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ariMessages, kapsoReconciliation } from '../src/db/schema.js';
import { runDoctor } from '../src/doctor/run-doctor.js';
import { reconcileKapsoHistory } from '../src/reconciliation/reconcile-kapso-history.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { historyMessage, startFakeWhatsApp, type FakeWhatsApp } from './support/fake-whatsapp.js';
import { ENGINES } from './support/test-database.js';
import { eventually, startTestService, type TestService } from './support/test-service.js';
import { waitForIdleQueues } from './support/wait-for-idle-queues.js';
import { KAPSO_SECRET, PHONE_ID, kapsoEvent, postKapso } from './support/webhook-payloads.js';

const APOLOGY = 'Maaf kak, baru sempat membalas.';
const ADMIN = 'admin-token-for-reconciliation-tests';

describe.each(ENGINES)('Kapso history reconciliation on %s', (engine) => {
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
        ARI_RECONCILE_MARGIN_MS: '60000',
        ARI_ADMIN_TOKEN: ADMIN,
      },
      engine,
    );
    const ws = await createWorkspace(service.ctx.database.db, {
      name: 'Backfill Test',
      slug: 'backfill-test',
      kapsoPhoneId: PHONE_ID,
    });
    workspaceId = ws.id;
  });
  afterAll(async () => {
    await service?.stopAll();
    await fake?.close();
  });

  const db = () => service.ctx.database.db;
  const countMessages = async () =>
    (
      await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(ariMessages)
        .where(and(eq(ariMessages.workspaceId, workspaceId), eq(ariMessages.direction, 'inbound')))
    )[0]!.n;
  const point = async () =>
    (await db().select().from(kapsoReconciliation).where(eq(kapsoReconciliation.phoneNumberId, PHONE_ID)))[0]!;
  const sendsTo = (digits: string) => fake.sends().filter((r) => r.body.to === digits);

  it('stores what the webhooks missed once, over several pages, and a second run adds nothing', async () => {
    const [first] = await reconcileKapsoHistory(service.ctx);
    expect(first).toMatchObject({ phoneNumberId: PHONE_ID, ok: true, recovered: 0 });

    fake.history.setPageSize(2);
    const customers = ['+6281700000001', '+6281700000002', '+6281700000003', '+6281700000004', '+6281700000005'];
    fake.history.add(
      PHONE_ID,
      ...customers.map((from, i) =>
        historyMessage({ id: `wamid.backfill-${i}`, from, text: `Halo, saya mau tanya ${i}`, name: `Pelanggan ${i}` }),
      ),
    );
    const before = fake.history.requests().length;
    const [run] = await reconcileKapsoHistory(service.ctx);
    expect(run).toMatchObject({ ok: true, recovered: 5, pages: 3 });
    // The SDK sent what Kapso documents: inbound, since, kapso fields, a limit, then the cursor.
    const asked = fake.history.requests().slice(before);
    expect(asked).toHaveLength(3);
    const firstQuery = new URL(asked[0]!.path, fake.url).searchParams;
    expect(firstQuery.get('direction')).toBe('inbound');
    expect(firstQuery.get('fields')).toBe('kapso(default)');
    expect(Date.parse(firstQuery.get('since')!)).toBeLessThan(Date.now());
    expect(new URL(asked[1]!.path, fake.url).searchParams.get('after')).toBeTruthy();
    expect(asked[0]!.headers['x-api-key']).toBe('kapso-project-key');

    expect(await countMessages()).toBe(5);
    const stored = await db()
      .select({ recovered: ariMessages.recovered, content: ariMessages.content })
      .from(ariMessages)
      .where(and(eq(ariMessages.workspaceId, workspaceId), eq(ariMessages.direction, 'inbound')));
    expect(stored.every((m) => m.recovered)).toBe(true);

    const [again] = await reconcileKapsoHistory(service.ctx);
    expect(again, again?.error).toMatchObject({ ok: true, recovered: 0 });
    expect(await countMessages()).toBe(5);
    expect((await point()).recoveredTotal).toBe(5);

    // Each customer gets one reply, opening with the apology line.
    await eventually(() => customers.every((c) => sendsTo(c.slice(1)).length >= 1), 20_000, 'the five replies');
    await waitForIdleQueues(service.ctx.database);
    for (const c of customers) {
      const sends = sendsTo(c.slice(1));
      expect(sends).toHaveLength(1);
      expect(String((sends[0]!.body.text as { body: string }).body).startsWith(APOLOGY)).toBe(true);
    }
    // A late webhook for a recovered message stores nothing and answers nothing.
    const late = await postKapso(service.url, kapsoEvent({ id: 'wamid.backfill-0', from: customers[0] }));
    expect(await late.json()).toMatchObject({ stored: 0, duplicates: 1, repliesQueued: 0 });
    expect(await countMessages()).toBe(5);
  }, 60_000);

  it("a Kapso error leaves the reconciled point where it was and is reported with Kapso's text", async () => {
    const before = await point();
    fake.history.script({
      status: 500,
      body: { error: 'Internal server error', message: 'message history is temporarily unavailable' },
    });
    const [run] = await reconcileKapsoHistory(service.ctx);
    expect(run!.ok).toBe(false);
    expect(run!.error).toContain('500');
    expect(run!.error).toContain('Internal server error');
    const after = await point();
    expect(after.reconciledUntil.getTime()).toBe(before.reconciledUntil.getTime());
    expect(after.lastError).toContain('message history is temporarily unavailable');
    expect(after.failingSince).not.toBeNull();
    expect(after.lastSuccessAt!.getTime()).toBe(before.lastSuccessAt!.getTime());

    const auth = { authorization: `Bearer ${ADMIN}` };
    const metrics = await (await fetch(`${service.url}/metrics`, { headers: auth })).text();
    expect(metrics).toMatch(new RegExp(`ari_reconcile_runs_total\\{phone_number_id="${PHONE_ID}",result="error"\\} 1`));
    expect(metrics).toMatch(new RegExp(`ari_reconcile_recovered_messages_total\\{phone_number_id="${PHONE_ID}"\\} 5`));

    const health = (await (await fetch(`${service.url}/api/v1/reconciliation`, { headers: auth })).json()) as {
      reconciliation: Array<Record<string, unknown>>;
    };
    expect(health.reconciliation).toEqual([
      expect.objectContaining({
        phoneNumberId: PHONE_ID,
        workspace: 'backfill-test',
        recoveredTotal: 5,
        lastError: expect.stringContaining('Internal server error'),
      }),
    ]);
    // Failing for an hour: `ari doctor` warns, with Kapso's words.
    const doctorStatus = async () =>
      (await runDoctor(service.ctx, { workspace: 'backfill-test' })).checks.find(
        (c) => c.name === 'workspace.reconciliation',
      );
    expect((await doctorStatus())?.status).toBe('pass');
    await db()
      .update(kapsoReconciliation)
      .set({ failingSince: new Date(Date.now() - 61 * 60_000) })
      .where(eq(kapsoReconciliation.phoneNumberId, PHONE_ID));
    expect(await doctorStatus()).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('message history is temporarily unavailable'),
    });

    // The next good run moves the point on and clears the failure.
    const [ok] = await reconcileKapsoHistory(service.ctx);
    expect(ok!.ok).toBe(true);
    const cleared = await point();
    expect(cleared.reconciledUntil.getTime()).toBeGreaterThan(before.reconciledUntil.getTime());
    expect(cleared.failingSince).toBeNull();
    expect(cleared.lastError).toBeNull();
  }, 60_000);

  it('a recovered message older than the 24-hour window is kept for the team, not answered', async () => {
    // ARI was down for two days.
    await db()
      .update(kapsoReconciliation)
      .set({ reconciledUntil: new Date(Date.now() - 48 * 3600_000) })
      .where(eq(kapsoReconciliation.phoneNumberId, PHONE_ID));
    fake.history.add(
      PHONE_ID,
      historyMessage({
        id: 'wamid.backfill-old',
        from: '+6281700000099',
        text: 'Halo, masih ada kelas?',
        at: new Date(Date.now() - 30 * 3600_000),
      }),
    );
    const [run] = await reconcileKapsoHistory(service.ctx);
    expect(run).toMatchObject({ ok: true, recovered: 1 });
    const [old] = await db()
      .select()
      .from(ariMessages)
      .where(and(eq(ariMessages.workspaceId, workspaceId), eq(ariMessages.providerMessageId, 'wamid.backfill-old')));
    expect(old).toMatchObject({ recovered: true, direction: 'inbound' });
    expect(old!.answeredAt).not.toBeNull();
    await waitForIdleQueues(service.ctx.database);
    expect(sendsTo('6281700000099')).toHaveLength(0);

    // The inbox lists it for the team, and the thread shows it as recovered.
    const auth = { authorization: `Bearer ${ADMIN}` };
    const listed = (await (
      await fetch(`${service.url}/api/v1/workspaces/backfill-test/conversations?recoveredUnanswered=1`, {
        headers: auth,
      })
    ).json()) as { conversations: Array<{ id: string; contact: { phone: string } }> };
    expect(listed.conversations.map((c) => c.contact.phone)).toEqual(['+6281700000099']);
    const thread = (await (
      await fetch(`${service.url}/api/v1/workspaces/backfill-test/conversations/${listed.conversations[0]!.id}`, {
        headers: auth,
      })
    ).json()) as { conversation: { messages: Array<{ providerMessageId: string; recovered: boolean }> } };
    expect(thread.conversation.messages).toEqual([
      expect.objectContaining({ providerMessageId: 'wamid.backfill-old', recovered: true }),
    ]);
  }, 60_000);
  it('settles a send of unknown outcome from the outbound history', async () => {
    const [conversation] = await db()
      .select({ id: ariMessages.conversationId })
      .from(ariMessages)
      .where(and(eq(ariMessages.workspaceId, workspaceId), eq(ariMessages.providerMessageId, 'wamid.backfill-1')));
    const [unknown] = await db()
      .insert(ariMessages)
      .values({
        workspaceId,
        conversationId: conversation!.id,
        role: 'assistant',
        direction: 'outbound',
        content: 'Halo kak, kelasnya masih dibuka.',
        status: 'failed',
        error: 'delivery unknown: the worker stopped during the send; not resent to avoid a duplicate',
      })
      .returning({ id: ariMessages.id });
    fake.history.add(PHONE_ID, {
      id: 'wamid.outbound-settled',
      type: 'text',
      timestamp: String(Math.floor(Date.now() / 1000)),
      to: '6281700000002',
      text: { body: 'Halo kak, kelasnya masih dibuka.' },
      kapso: {
        direction: 'outbound',
        status: 'delivered',
        biz_opaque_callback_data: unknown!.id,
        created_at: new Date().toISOString(),
      },
    });
    const [run] = await reconcileKapsoHistory(service.ctx);
    expect(run).toMatchObject({ ok: true, recovered: 0, settled: 1 });
    const [settled] = await db().select().from(ariMessages).where(eq(ariMessages.id, unknown!.id));
    expect(settled).toMatchObject({ status: 'delivered', providerMessageId: 'wamid.outbound-settled', error: null });
    // Inbound reconciliation did not take the outbound message for a customer's.
    expect(await countMessages()).toBe(6);
  }, 60_000);
  it("opens the late reply with the workspace's own apology line", async () => {
    const headers = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
    const put = (body: unknown) =>
      fetch(`${service.url}/api/v1/workspaces/backfill-test/assistant`, {
        method: 'PUT',
        headers,
        body: JSON.stringify(body),
      });
    expect((await put({ lateReplyApology: { id: '', en: 'Sorry!' } })).status).toBe(400);
    expect((await put({ lateReplyApology: { id: 'Mohon maaf, kami terlambat membalas.', en: 'Sorry!' } })).status).toBe(
      200,
    );
    fake.history.add(PHONE_ID, historyMessage({ id: 'wamid.backfill-own', from: '+6281700000077', text: 'Halo kak' }));
    const [run] = await reconcileKapsoHistory(service.ctx);
    expect(run).toMatchObject({ ok: true, recovered: 1 });
    await eventually(() => sendsTo('6281700000077').length === 1, 20_000, 'the late reply');
    const text = (sendsTo('6281700000077')[0]!.body.text as { body: string }).body;
    expect(text.startsWith('Mohon maaf, kami terlambat membalas.')).toBe(true);
  }, 60_000);
});
