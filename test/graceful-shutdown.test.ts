/**
 * SIGTERM with a console's event stream open: the stream is ended, the process exits
 * within 10 s (PGlite closed, so the next start opens the directory at once), and a
 * message acknowledged just before the signal is stored and answered once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWhatsApp, type FakeWhatsApp } from './support/fake-whatsapp.js';
import { spawn } from 'node:child_process';
import { ARI_BIN, ariEnv, START_NODE_ARGS, startAri, type RunningAri } from './support/run-ari.js';
import { runAriInProcess } from './support/run-ari-in-process.js';
import { createPostgresDatabase, ENGINES, freshDataDir } from './support/test-database.js';
import { eventually } from './support/test-service.js';
import { KAPSO_SECRET, PHONE_ID, kapsoEvent, postKapso } from './support/webhook-payloads.js';

describe.each(ENGINES)('graceful shutdown on %s', (engine) => {
  let fake: FakeWhatsApp;
  const servers: RunningAri[] = [];
  const drops: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    fake = await startFakeWhatsApp();
  });
  /** A fresh database for one server: a PostgreSQL database (dropped after) or a PGlite directory. */
  async function freshStorage(): Promise<Record<string, string>> {
    if (engine !== 'postgres') return { ARI_DATA_DIR: freshDataDir() };
    const pg = await createPostgresDatabase();
    drops.push(pg.drop);
    return { DATABASE_URL: pg.url };
  }
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    await fake?.close();
    for (const drop of drops) await drop();
  });

  it('ends open event streams, exits within 10 s, and loses nothing it acknowledged', async () => {
    const where = await freshStorage();
    const admin = 'shutdown-admin-token';
    const env = ariEnv({
      ...where,
      ARI_DEMO: '0',
      ARI_ADMIN_TOKEN: admin,
      KAPSO_WEBHOOK_SECRET: KAPSO_SECRET,
      KAPSO_API_KEY: 'kapso-project-key',
      KAPSO_API_BASE_URL: fake.baseUrl,
      // The reply is still waiting when the signal comes: it must survive the stop.
      ARI_DEBOUNCE_MS: '3000',
    });
    const created = await runAriInProcess(
      ['workspace', 'create', '--name', 'Shutdown', '--slug', 'shutdown', '--kapso-phone-id', PHONE_ID],
      env,
    );
    expect(created.code, created.stderr).toBe(0);

    const first = await startAri(env);
    servers.push(first);
    const stream = await fetch(`${first.url}/api/v1/workspaces/shutdown/events`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toContain(': connected');

    const delivery = kapsoEvent({ id: 'wamid.shutdown-1', from: '+6281600000001', text: 'Halo, masih buka?' });
    const response = await postKapso(first.url, delivery);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ stored: 1, repliesQueued: 1 });

    const signalledAt = Date.now();
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    // The stream was ended by the server, not left hanging.
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
    }

    const second = await startAri(env);
    servers.push(second);
    await eventually(() => fake.sends().some((s) => s.body.to === '6281600000001'), 20_000, 'the reply');
    const retry = await postKapso(second.url, delivery);
    expect(await retry.json()).toMatchObject({ stored: 0, duplicates: 1, repliesQueued: 0 });
    expect(await second.stop('SIGTERM')).toBe(0);
    expect(fake.sends().filter((s) => s.body.to === '6281600000001')).toHaveLength(1);
  }, 180_000);

  it('stops cleanly when the signal comes while it is still starting, and the next start opens at once', async () => {
    const where = await freshStorage();
    const env = ariEnv({ ...where, ARI_DEMO: '0', PORT: '0', HOST: '127.0.0.1' });
    const starting = spawn(process.execPath, [...START_NODE_ARGS, ARI_BIN, 'serve'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    starting.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    starting.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => starting.on('exit', (code) => resolve(code)));
    // Mid-start: the database is open, the workers and the HTTP server are not up yet.
    await eventually(() => output.includes('"msg":"database ready"'), 20_000, 'the database opened');
    expect(output).not.toContain('ARI is serving');
    starting.kill('SIGTERM');
    expect(await exited, output).toBe(0);
    expect(output).toContain('shutting down');

    const next = await startAri(env, 20_000);
    servers.push(next);
    const code = await next.stop();
    expect(code, next.output()).toBe(0);
  });
});
