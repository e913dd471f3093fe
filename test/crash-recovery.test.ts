/**
 * Nothing acknowledged is lost, nothing is done twice: the server is killed
 * (SIGKILL) after answering the webhook and before the reply went out; after a
 * restart exactly one reply reaches the provider.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWhatsApp, type FakeWhatsApp } from './support/fake-whatsapp.js';
import { ariEnv, runAri, startAri, type RunningAri } from './support/run-ari.js';
import { freshDataDir } from './support/test-database.js';
import { eventually, sleep } from './support/test-service.js';
import { KAPSO_SECRET, PHONE_ID, kapsoEvent, postKapso } from './support/webhook-payloads.js';

describe('crash recovery', () => {
  let fake: FakeWhatsApp;
  const servers: RunningAri[] = [];
  beforeAll(async () => {
    fake = await startFakeWhatsApp();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    await fake?.close();
  });

  it('sends exactly one reply after a SIGKILL between the 200 and the reply', async () => {
    const env = ariEnv({
      ARI_DATA_DIR: freshDataDir(),
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
    expect(created.code).toBe(0);

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
    expect(await retry.json()).toMatchObject({ stored: 0, duplicates: 1 });
    await sleep(3500);
    expect(fake.sends()).toHaveLength(1);
    expect(fake.sends()[0]!.body).toMatchObject({ to: '6281500000001', type: 'text' });
    await second.stop();
  });
});
