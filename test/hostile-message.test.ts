/**
 * A running `ari serve` stays responsive while it reads a 64 KiB message built to
 * make regexes backtrack (before: /healthz took 2 s while the rules engine read
 * it). The server is its own process, so only its event loop is measured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ariEnv, startAri, type RunningAri } from './support/run-ari.js';
import { runAriInProcess } from './support/run-ari-in-process.js';
import { startFakeWhatsApp, type FakeWhatsApp } from './support/fake-whatsapp.js';
import { freshDataDir } from './support/test-database.js';
import { eventually } from './support/test-service.js';
import { KAPSO_SECRET, PHONE_ID, kapsoEvent, postKapso } from './support/webhook-payloads.js';

describe('a hostile 64 KiB message', () => {
  let fake: FakeWhatsApp;
  let ari: RunningAri;

  beforeAll(async () => {
    fake = await startFakeWhatsApp();
    const env = ariEnv({
      ARI_DATA_DIR: freshDataDir(),
      ARI_DEMO: '0',
      KAPSO_WEBHOOK_SECRET: KAPSO_SECRET,
      KAPSO_API_KEY: 'kapso-project-key',
      KAPSO_API_BASE_URL: fake.baseUrl,
      ARI_DEBOUNCE_MS: '300',
    });
    const created = await runAriInProcess(
      ['workspace', 'create', '--name', 'Hostile', '--slug', 'hostile', '--kapso-phone-id', PHONE_ID],
      env,
    );
    expect(created.code).toBe(0);
    ari = await startAri(env);
  });
  afterAll(async () => {
    await ari?.stop();
    await fake?.close();
  });

  /** Times /healthz, one probe after another, until `done()`: every probe during the turn is measured. */
  async function probeUntil(done: () => boolean): Promise<number[]> {
    const timings: number[] = [];
    while (!done()) {
      const started = performance.now();
      const res = await fetch(`${ari.url}/healthz`);
      await res.text();
      timings.push(performance.now() - started);
      if (timings.length > 5000) throw new Error('no reply');
    }
    return timings;
  }

  it('/healthz stays as responsive while the server reads and answers it as during an ordinary turn', async () => {
    const customer = '+6281322220004';
    const replies = () => fake.sends().filter((s) => s.body.to === customer.replace('+', ''));
    // Warm: the conversation exists and the reply path has run once.
    await postKapso(ari.url, kapsoEvent({ id: 'wamid.hostile-warm', from: customer, text: 'halo' }));
    await eventually(() => replies().length === 1, 20_000, 'the first reply');

    // Control: an ordinary message's turn, probed the same way.
    const ordinary = postKapso(
      ari.url,
      kapsoEvent({ id: 'wamid.hostile-control', from: customer, text: 'mau tanya kak' }),
    );
    const control = await probeUntil(() => replies().length === 2);
    expect((await ordinary).status).toBe(200);

    // Both patterns that froze the server, at their worst: a run of address characters whose "@"
    // leads nowhere (the old e-mail pattern: ~4 s), then "1.1.1…" (the old money pattern: ~2 s).
    const hostile = `${'a'.repeat(30 * 1024)}@ ${'1.'.repeat(17 * 1024)}`;
    expect(hostile.length).toBeGreaterThanOrEqual(64 * 1024 - 1);
    const posted = postKapso(ari.url, kapsoEvent({ id: 'wamid.hostile-64k', from: customer, text: hostile }));
    const during = await probeUntil(() => replies().length === 3);
    expect((await posted).status).toBe(200);
    expect(during.length).toBeGreaterThanOrEqual(3);

    // Unloaded, every probe answers in a few milliseconds and this is simply "under 200 ms". On a
    // loaded machine an ordinary turn's commit and send already stall the loop a while, so the bound
    // grows with it (twice the ordinary turn's slowest probe); the old patterns froze it for seconds.
    const slowest = (timings: number[]) => Math.max(...timings);
    expect(slowest(during)).toBeLessThan(Math.max(200, 2 * slowest(control)));
  });
});
