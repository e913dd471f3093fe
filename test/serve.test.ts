/**
 * `ari serve` as `npm start` runs it: first start on an empty directory, the
 * data-directory lock, and the other commands working through the running server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ariEnv, runAri, startAri, type RunningAri } from './support/run-ari.js';
import { createPostgresDatabase, emptyDataDir, ENGINES } from './support/test-database.js';

const running: RunningAri[] = [];
afterAll(async () => {
  await Promise.all(running.map((r) => r.stop('SIGKILL')));
});

describe('ari serve on PGlite', () => {
  const dataDir = emptyDataDir();
  const env = ariEnv({ ARI_DATA_DIR: dataDir });
  let server: RunningAri;

  it('starts on an empty directory, is ready within 15 s and creates the demo workspace', async () => {
    server = await startAri(env);
    running.push(server);
    expect(server.startedInMs).toBeLessThan(15_000);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(server.output()).toContain('created the demo workspace');

    // The other commands go through the running server instead of opening the files,
    // over a socket only the server's user may open.
    expect(fs.statSync(path.join(dataDir, 'ari.sock')).mode & 0o777).toBe(0o600);
    const list = await runAri(['workspace', 'list', '--json'], env);
    expect(list.code).toBe(0);
    const [demo] = JSON.parse(list.stdout);
    expect(demo).toMatchObject({
      slug: 'eagle-overseas',
      name: 'Eagle Overseas Education',
      timezone: 'Asia/Jakarta',
      assistantEnabled: true,
    });

    const show = await runAri(['workspace', 'show', 'eagle-overseas', '--json'], env);
    const { assistant } = JSON.parse(show.stdout);
    expect(assistant).toMatchObject({ botName: 'Ari', language: 'id', enabled: true });
    expect(assistant).toMatchObject({ playbookId: 'study-abroad', playbook: null });
    expect(assistant.knowledgeEntries.length).toBeGreaterThanOrEqual(3);

    const migrate = await runAri(['migrate', '--json'], env);
    expect(JSON.parse(migrate.stdout)).toMatchObject({ pending: 0, via: 'server' });
  });

  it('refuses a second server on the same directory, clearly, with a non-zero exit', async () => {
    const second = await runAri(['serve'], { ...env, PORT: '0' });
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(
      `the data directory ${dataDir} is in use by another ARI process (pid ${server.process.pid}, ari serve)`,
    );
    // The first one is unharmed.
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });

  it('answers ari doctor and workspace changes while serving', async () => {
    const doctor = await runAri(['doctor', '--json'], env);
    expect(doctor.code).toBe(0);
    expect(JSON.parse(doctor.stdout).checks).toContainEqual(
      expect.objectContaining({ name: 'assistant.config', status: 'pass', workspace: 'eagle-overseas' }),
    );
    const created = await runAri(['workspace', 'create', '--name', 'Live One', '--slug', 'live-one'], env);
    expect(created.code).toBe(0);
    const duplicate = await runAri(['workspace', 'create', '--name', 'Live One', '--slug', 'live-one'], env);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr.trim()).toBe('ari: a workspace with slug "live-one" already exists');
  });

  it('releases the directory on SIGTERM, so commands then open it themselves', async () => {
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'ari.pid'))).toBe(false);
    const list = await runAri(['workspace', 'list', '--json'], env);
    expect(JSON.parse(list.stdout).map((w: { slug: string }) => w.slug)).toEqual(['eagle-overseas', 'live-one']);
  });

  it('takes over the lock of a server that was killed', async () => {
    const killed = await startAri(env);
    running.push(killed);
    await killed.stop('SIGKILL');
    expect(fs.existsSync(path.join(dataDir, 'ari.pid'))).toBe(true); // left behind
    const restarted = await startAri(env);
    running.push(restarted);
    expect((await fetch(`${restarted.url}/readyz`)).status).toBe(200);
    await restarted.stop();
  });

  it('creates no demo workspace with ARI_DEMO=0', async () => {
    const quietEnv = ariEnv({ ARI_DATA_DIR: emptyDataDir(), ARI_DEMO: '0' });
    const quiet = await startAri(quietEnv);
    running.push(quiet);
    const list = await runAri(['workspace', 'list', '--json'], quietEnv);
    expect(JSON.parse(list.stdout)).toEqual([]);
    await quiet.stop();
  });
});

describe.each(ENGINES.filter((engine) => engine === 'postgres'))('ari serve on %s', () => {
  it('migrates a fresh database, seeds the demo and lets commands run beside it', async () => {
    const { url, drop } = await createPostgresDatabase();
    try {
      const env = ariEnv({ DATABASE_URL: url });
      const server = await startAri(env);
      running.push(server);
      expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: 'ready' });
      // Two servers may share one PostgreSQL (there is no directory to lock).
      const second = await startAri(env);
      running.push(second);
      expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
      const list = await runAri(['workspace', 'list', '--json'], env);
      expect(JSON.parse(list.stdout).map((w: { slug: string }) => w.slug)).toEqual(['eagle-overseas']);
      const doctor = await runAri(['doctor', '--json'], env);
      expect(JSON.parse(doctor.stdout).checks[0]).toMatchObject({ name: 'database.reachable', status: 'pass' });
      await Promise.all([server.stop(), second.stop()]);
    } finally {
      await drop();
    }
  });
});

describe('ari serve on a data directory too deep for a socket path', () => {
  it('puts its control socket in a private directory nobody else can open, and removes it on stop', async () => {
    const dataDir = path.join(emptyDataDir(), 'a-rather-long-folder-name'.repeat(4));
    const env = ariEnv({ ARI_DATA_DIR: dataDir, ARI_DEMO: '0' });
    const server = await startAri(env);
    running.push(server);
    const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'ari.pid'), 'utf8')) as { socketPath: string };
    const privateDir = path.dirname(lock.socketPath);
    expect(privateDir).not.toBe(dataDir);
    expect(fs.statSync(privateDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(lock.socketPath).mode & 0o777).toBe(0o600);
    const list = await runAri(['workspace', 'list', '--json'], env);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([]);
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(fs.existsSync(privateDir)).toBe(false);
  }, 120_000);
});
