/**
 * Nothing acknowledged is lost, nothing is done twice: the server is killed
 * (SIGKILL) after answering the webhook and before the reply went out; after a
 * restart exactly one reply reaches the provider. Killed while sends are in flight:
 * every customer gets exactly one reply — the provider's status proves the sends it
 * took, the others are sent once more after the confirmation window. On PGlite a turn cut off
 * mid-model-call runs again as soon as the server is back, not after its job's expiry.
 */
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseTarget } from '../src/db/open-database.js';
import { ariMessages } from '../src/db/schema.js';
import { startFakeLlm } from './support/fake-llm.js';
import { startFakeWhatsApp, type AcceptedSend, type FakeWhatsApp } from './support/fake-whatsapp.js';
import { ariEnv, startAri, type RunningAri } from './support/run-ari.js';
import { runAriInProcess } from './support/run-ari-in-process.js';
import { createPostgresDatabase, ENGINES, freshDataDir } from './support/test-database.js';
import { eventually } from './support/test-service.js';
import { pendingJobs } from './support/wait-for-idle-queues.js';
import { KAPSO_SECRET, PHONE_ID, kapsoEvent, kapsoStatus, postKapso } from './support/webhook-payloads.js';

describe.each(ENGINES)('crash recovery on %s', (engine) => {
  let fake: FakeWhatsApp;
  const dropDatabases: Array<() => Promise<void>> = [];
  const servers: RunningAri[] = [];
  beforeAll(async () => {
    fake = await startFakeWhatsApp();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    await fake?.close();
    for (const drop of dropDatabases) await drop();
  });

  /** Where the database lives, as `ari` takes it and as this test opens it. */
  async function storage(): Promise<{ env: Record<string, string>; target: DatabaseTarget }> {
    if (engine === 'postgres') {
      const pg = await createPostgresDatabase();
      dropDatabases.push(pg.drop);
      return { env: { DATABASE_URL: pg.url }, target: { engine: 'postgres', url: pg.url } };
    }
    const dataDir = freshDataDir();
    return { env: { ARI_DATA_DIR: dataDir }, target: { engine: 'pglite', dataDir: path.join(dataDir, 'pglite') } };
  }

  it('sends exactly one reply after a SIGKILL between the 200 and the reply', async () => {
    const { env: where, target } = await storage();
    const env = ariEnv({
      ...where,
      ARI_DEMO: '0',
      KAPSO_WEBHOOK_SECRET: KAPSO_SECRET,
      KAPSO_API_KEY: 'kapso-project-key',
      KAPSO_API_BASE_URL: fake.baseUrl,
      // Long enough that the reply cannot have gone out before the kill.
      ARI_DEBOUNCE_MS: '2500',
    });
    const created = await runAriInProcess(
      ['workspace', 'create', '--name', 'Crash Test', '--slug', 'crash-test', '--kapso-phone-id', PHONE_ID],
      env,
    );
    expect(created.code, created.stderr).toBe(0);

    const first = await startAri(env);
    servers.push(first);
    const delivery = kapsoEvent({ id: 'wamid.crash-recovery-1', from: '+6281500000001', text: 'Halo, masih buka?' });
    const response = await postKapso(first.url, delivery);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ stored: 1, repliesQueued: 1 });
    await first.stop('SIGKILL');
    expect(fake.sends()).toHaveLength(0);

    const second = await startAri(env);
    servers.push(second);
    await eventually(() => fake.sends().length === 1, 20_000, 'the reply after restart');
    // Kapso retries the delivery it thinks may have failed: still one message, one reply.
    const retry = await postKapso(second.url, delivery);
    expect(await retry.json()).toMatchObject({ stored: 0, duplicates: 1, repliesQueued: 0 });
    // A graceful stop lets running jobs finish; then nothing is left that could send again.
    expect(await second.stop()).toBe(0);
    const database = await openDatabase(target);
    try {
      expect(await pendingJobs(database)).toBe(0);
      const outbound = await database.db.select().from(ariMessages).where(eq(ariMessages.direction, 'outbound'));
      expect(outbound).toHaveLength(1);
      expect(outbound[0]).toMatchObject({ status: 'sent', providerMessageId: expect.stringMatching(/^wamid\.fake-/) });
    } finally {
      await database.close();
    }
    expect(fake.sends()).toHaveLength(1);
    expect(fake.sends()[0]!.body).toMatchObject({ to: '6281500000001', type: 'text' });
    // Two server starts, a command and a graceful stop: generous on a loaded 2-core machine.
  }, 180_000);

  it('after a SIGKILL with sends in flight, every customer gets exactly one reply within the window plus a minute', async () => {
    const provider = await startFakeWhatsApp();
    const admin = 'crash-send-admin';
    const env = ariEnv({
      ...(await storage()).env,
      ARI_DEMO: '0',
      ARI_ADMIN_TOKEN: admin,
      KAPSO_WEBHOOK_SECRET: KAPSO_SECRET,
      KAPSO_API_KEY: 'kapso-project-key',
      KAPSO_API_BASE_URL: provider.baseUrl,
      ARI_DEBOUNCE_MS: '100',
      ARI_SEND_TIMEOUT_MS: '3000',
      ARI_SEND_CONFIRM_WINDOW_MS: '4000',
      ARI_REPLY_JOB_MARGIN_MS: '1000',
    });
    try {
      const created = await runAriInProcess(
        ['workspace', 'create', '--name', 'Crash Send', '--slug', 'crash-send', '--kapso-phone-id', PHONE_ID],
        env,
      );
      expect(created.code).toBe(0);
      // Until the kill the provider holds every answer; it takes every other message and loses the rest.
      const customers = Array.from({ length: 8 }, (_, i) => `628152000000${i}`);
      provider.script(
        ...customers.map((_, i) => ({ status: 200, body: undefined, stallMs: 60_000, lose: i % 2 === 1 })),
      );
      const undelivered: AcceptedSend[] = [];
      provider.onAccepted = (send) => undelivered.push(send);

      const first = await startAri(env);
      servers.push(first);
      for (const [i, to] of customers.entries()) {
        const response = await postKapso(
          first.url,
          kapsoEvent({ id: `wamid.inflight-${i}`, from: `+${to}`, text: 'Halo' }),
        );
        expect(response.status).toBe(200);
      }
      await eventually(() => provider.sends().length >= 4, 20_000, 'sends in flight');
      await first.stop('SIGKILL');
      // The stalls and losses were the dying process's: after the restart the provider answers at once.
      provider.unscript();
      const takenBeforeKill = new Set(provider.accepted.map((s) => s.to));
      const inFlight = new Set(provider.sends().map((r) => String(r.body.to)));
      expect(takenBeforeKill.size).toBeGreaterThan(0);
      expect(inFlight.size).toBeGreaterThan(takenBeforeKill.size); // some were lost

      const second = await startAri(env);
      servers.push(second);
      const restartedAt = Date.now();
      const deliverStatus = (send: AcceptedSend) =>
        postKapso(second.url, kapsoStatus(send), 'whatsapp.message.sent').catch(() => undefined);
      // The provider answers at once now, and delivers the statuses it could not deliver to the dead process.
      provider.onAccepted = (send) => void deliverStatus(send);
      for (const send of undelivered) await deliverStatus(send);

      const outbound = async () => {
        const list = (await (
          await fetch(`${second.url}/api/v1/workspaces/crash-send/conversations`, {
            headers: { authorization: `Bearer ${admin}` },
          })
        ).json()) as { conversations: Array<{ id: string }> };
        const threads = await Promise.all(
          list.conversations.map(async (c) => {
            const thread = (await (
              await fetch(`${second.url}/api/v1/workspaces/crash-send/conversations/${c.id}`, {
                headers: { authorization: `Bearer ${admin}` },
              })
            ).json()) as {
              conversation: {
                contact: { phone: string };
                messages: Array<{ direction: string; status: string; resentAt: string | null }>;
              };
            };
            return thread.conversation.messages
              .filter((m) => m.direction === 'outbound')
              .map((m) => ({ ...m, to: thread.conversation.contact.phone.replace('+', '') }));
          }),
        );
        return threads.flat();
      };
      // Done when every customer was reached and no reply is still on its way.
      const settled = await eventually(
        async () => {
          if (!customers.every((to) => provider.accepted.some((s) => s.to === to))) return null;
          const rows = await outbound();
          return rows.length === customers.length && rows.every((m) => !['pending', 'sending'].includes(m.status))
            ? rows
            : null;
        },
        4000 + 60_000,
        'a reply for every customer',
      );
      expect(Date.now() - restartedAt).toBeLessThan(4000 + 60_000);
      for (const to of customers) expect(provider.accepted.filter((s) => s.to === to)).toHaveLength(1);
      for (const row of settled) {
        expect(row.status).toBe('sent');
        // Proven by the provider's status: never sent again. Lost in flight: sent again, once, and marked.
        if (takenBeforeKill.has(row.to)) expect(row.resentAt).toBeNull();
        else if (inFlight.has(row.to)) expect(row.resentAt).toBeTruthy();
      }
      await second.stop();
    } finally {
      await provider.close();
    }
    // Two server starts and a confirmation window: generous on a loaded 2-core machine.
  }, 180_000);
});

describe('crash recovery on pglite, a turn cut off by a SIGKILL during its model call', () => {
  it('runs the turn again as soon as the server is back, not after its job expires (over a minute)', async () => {
    const whatsapp = await startFakeWhatsApp();
    const grok = await startFakeLlm();
    const servers: RunningAri[] = [];
    let release = () => {};
    try {
      const env = ariEnv({
        ARI_DATA_DIR: freshDataDir(),
        ARI_DEMO: '0',
        KAPSO_WEBHOOK_SECRET: KAPSO_SECRET,
        KAPSO_API_KEY: 'kapso-project-key',
        KAPSO_API_BASE_URL: whatsapp.baseUrl,
        GROK_API_KEY: 'xai-test',
        GROK_BASE_URL: grok.baseUrl,
        ARI_DEBOUNCE_MS: '100',
      });
      const created = await runAriInProcess(
        ['workspace', 'create', '--name', 'Cut Off', '--slug', 'cut-off', '--kapso-phone-id', PHONE_ID],
        env,
      );
      expect(created.code, created.stderr).toBe(0);
      const sends = () => whatsapp.sends().filter((r) => r.body.to === '6281500000077');

      const first = await startAri(env);
      servers.push(first);
      // The greeting is the workspace's own words (no model); the next message needs one.
      await postKapso(first.url, kapsoEvent({ id: 'wamid.cut-off-1', from: '+6281500000077', text: 'Halo' }));
      await eventually(() => sends().length === 1, 20_000, 'the greeting');
      // (The greeting's turn may have asked the Brain already: count from here.)
      const before = grok.requests.length;
      grok.script({ until: new Promise<void>((resolve) => (release = resolve)), content: 'NEVER SENT' });
      await postKapso(
        first.url,
        kapsoEvent({ id: 'wamid.cut-off-2', from: '+6281500000077', text: 'Nama saya Budi, mau kuliah S2' }),
      );
      await eventually(() => grok.requests.length > before, 20_000, 'the model call');
      await first.stop('SIGKILL');

      const second = await startAri(env);
      servers.push(second);
      // Before serving, the job the dead process was running was failed into its retry.
      expect(second.output()).toContain('jobs a stopped process left running will run again');
      // Its expiry (the turn's worst case with a one-minute margin) would come after this wait.
      await eventually(() => sends().length === 2, 40_000, 'the reply after the restart');
      expect(sends()[1]!.body).toMatchObject({ type: 'text' });
      expect(await second.stop()).toBe(0);
      expect(sends()).toHaveLength(2);
    } finally {
      release();
      await Promise.all(servers.map((s) => s.stop('SIGKILL')));
      await grok.close();
      await whatsapp.close();
    }
  }, 180_000);
});
