/**
 * Nothing acknowledged is lost, nothing is done twice: the server is killed
 * (SIGKILL) after answering the webhook and before the reply went out; after a
 * restart exactly one reply reaches the provider.
 */
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseTarget } from '../src/db/open-database.js';
import { ariMessages } from '../src/db/schema.js';
import { startFakeWhatsApp, type FakeWhatsApp } from './support/fake-whatsapp.js';
import { ariEnv, runAri, startAri, type RunningAri } from './support/run-ari.js';
import { createPostgresDatabase, ENGINES, freshDataDir } from './support/test-database.js';
import { eventually } from './support/test-service.js';
import { pendingJobs } from './support/wait-for-idle-queues.js';
import { KAPSO_SECRET, PHONE_ID, kapsoEvent, postKapso } from './support/webhook-payloads.js';

describe.each(ENGINES)('crash recovery on %s', (engine) => {
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

  /** Where the database lives, as `ari` takes it and as this test opens it. */
  async function storage(): Promise<{ env: Record<string, string>; target: DatabaseTarget }> {
    if (engine === 'postgres') {
      const pg = await createPostgresDatabase();
      dropDatabase = pg.drop;
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
    const created = await runAri(
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
});
