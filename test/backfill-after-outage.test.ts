/**
 * Nothing lost across an outage: `ari serve` is stopped while three customers
 * write (Kapso's webhooks fail, the server is down). On restart, the messages are
 * read back from Kapso's history, stored once each, and each customer gets exactly
 * one reply, opening with the apology line; a late webhook for the same message
 * afterwards stores nothing and answers nothing.
 */
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseTarget } from '../src/db/open-database.js';
import { ariMessages } from '../src/db/schema.js';
import { historyMessage, startFakeWhatsApp, type FakeWhatsApp } from './support/fake-whatsapp.js';
import { ariEnv, startAri, type RunningAri } from './support/run-ari.js';
import { runAriInProcess } from './support/run-ari-in-process.js';
import { createPostgresDatabase, ENGINES, freshDataDir } from './support/test-database.js';
import { eventually } from './support/test-service.js';
import { pendingJobs } from './support/wait-for-idle-queues.js';
import { KAPSO_SECRET, PHONE_ID, kapsoEvent, postKapso } from './support/webhook-payloads.js';

describe.each(ENGINES)('backfill after an outage on %s', (engine) => {
  let fake: FakeWhatsApp;
  let dropDatabase: (() => Promise<void>) | undefined;
  const servers: RunningAri[] = [];
  beforeAll(async () => {
    fake = await startFakeWhatsApp();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    await fake?.close();
    await dropDatabase?.();
  });

  async function storage(): Promise<{ env: Record<string, string>; target: DatabaseTarget }> {
    if (engine === 'postgres') {
      const pg = await createPostgresDatabase();
      dropDatabase = pg.drop;
      return { env: { DATABASE_URL: pg.url }, target: { engine: 'postgres', url: pg.url } };
    }
    const dataDir = freshDataDir();
    return { env: { ARI_DATA_DIR: dataDir }, target: { engine: 'pglite', dataDir: path.join(dataDir, 'pglite') } };
  }

  it('stores the messages written while ARI was down once each and answers each customer once', async () => {
    const { env: where, target } = await storage();
    const env = ariEnv({
      ...where,
      ARI_DEMO: '0',
      KAPSO_WEBHOOK_SECRET: KAPSO_SECRET,
      KAPSO_API_KEY: 'kapso-project-key',
      KAPSO_API_BASE_URL: fake.baseUrl,
      ARI_DEBOUNCE_MS: '300',
      // On start only, within this test.
      ARI_RECONCILE_EVERY_MS: '3600000',
    });
    const created = await runAriInProcess(
      ['workspace', 'create', '--name', 'Outage Test', '--slug', 'outage-test', '--kapso-phone-id', PHONE_ID],
      env,
    );
    expect(created.code, created.stderr).toBe(0);

    // A first start reconciles (nothing to find) and sets the reconciled point.
    const first = await startAri(env);
    servers.push(first);
    await eventually(() => /kapso history reconciled/.test(first.output()), 30_000, 'the first reconciliation');
    expect(await first.stop()).toBe(0);

    // Down: three customers write; Kapso cannot deliver their webhooks.
    const customers = ['+6281800000001', '+6281800000002', '+6281800000003'];
    const events = customers.map((from, i) =>
      kapsoEvent({ id: `wamid.outage-${i}`, from, text: `Halo, apakah kelas ${i} masih dibuka?` }),
    );
    for (const event of events) await expect(postKapso(first.url, event)).rejects.toThrow();
    fake.history.add(
      PHONE_ID,
      ...events.map((e, i) =>
        historyMessage({ id: e.message.id, from: customers[i]!, text: e.message.text.body, name: `Pelanggan ${i}` }),
      ),
    );

    const second = await startAri(env);
    servers.push(second);
    await eventually(() => fake.sends().length >= 3, 60_000, 'the three replies after restart');
    for (const from of customers) {
      const sends = fake.sends().filter((r) => r.body.to === from.slice(1));
      expect(sends).toHaveLength(1);
      expect((sends[0]!.body.text as { body: string }).body.startsWith('Maaf kak, baru sempat membalas.')).toBe(true);
    }
    // Kapso's late retry of one of them: nothing stored, nothing answered.
    const late = await postKapso(second.url, events[0]!);
    expect(late.status).toBe(200);
    expect(await late.json()).toMatchObject({ stored: 0, duplicates: 1, repliesQueued: 0 });

    // A graceful stop lets running jobs finish; then nothing is left that could send again.
    expect(await second.stop()).toBe(0);
    const database = await openDatabase(target);
    try {
      expect(await pendingJobs(database)).toBe(0);
      const inbound = await database.db.select().from(ariMessages).where(eq(ariMessages.direction, 'inbound'));
      expect(inbound.map((m) => m.providerMessageId).sort()).toEqual([
        'wamid.outage-0',
        'wamid.outage-1',
        'wamid.outage-2',
      ]);
      expect(inbound.every((m) => m.recovered && m.answeredAt !== null)).toBe(true);
      const outbound = await database.db.select().from(ariMessages).where(eq(ariMessages.direction, 'outbound'));
      expect(outbound).toHaveLength(3);
    } finally {
      await database.close();
    }
    expect(fake.sends()).toHaveLength(3);
  }, 240_000);
});
