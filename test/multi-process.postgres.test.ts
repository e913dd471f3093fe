/**
 * Several `ari serve` processes on one PostgreSQL database, the supported way to
 * scale past one process: three servers, signed Kapso webhooks round-robin across
 * them (one customer's burst lands on all three), replies on. Every acknowledged
 * message is stored once, every burst is answered exactly once whichever process
 * fetched its job, and a change made through one process reaches a console's event
 * stream opened on another (LISTEN/NOTIFY); each process keeps to its DATABASE_POOL_SIZE.
 * Made only when TEST_DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/open-database.js';
import type { WorkspaceEvent } from '../src/events/workspace-events.js';
import { startFakeWhatsApp, type FakeWhatsApp } from './support/fake-whatsapp.js';
import { ariEnv, runAri, startAri, type RunningAri } from './support/run-ari.js';
import { createPostgresDatabase, ENGINES } from './support/test-database.js';
import { eventually } from './support/test-service.js';
import { KAPSO_SECRET, PHONE_ID, kapsoEvent, postKapso } from './support/webhook-payloads.js';

const ADMIN = 'multi-process-admin';
const SLUG = 'three-servers';
const DEBOUNCE_MS = 1500;
const POOL_SIZE = 4;
const CUSTOMERS = 30;
const BURSTS = 2;
/** Bland words: no handoff, no closing, so every burst of every customer asks for a reply. */
const BURST_TEXTS = ['halo', 'mau tanya dulu', 'boleh minta info?'];

interface EventStream {
  events: Array<{ event: WorkspaceEvent; at: number }>;
  close(): void;
}

/** The console's event stream (server-sent events), read the way the console reads it. */
async function openEventStream(baseUrl: string): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/workspaces/${SLUG}/events`, {
    headers: { authorization: `Bearer ${ADMIN}` },
    signal: abort.signal,
  });
  expect(response.status).toBe(200);
  const events: EventStream['events'] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffered += value;
      const frames = buffered.split('\n\n');
      buffered = frames.pop() ?? '';
      for (const frame of frames)
        if (frame.startsWith('data: ')) events.push({ event: JSON.parse(frame.slice(6)), at: Date.now() });
    }
  })().catch(() => undefined);
  return { events, close: () => abort.abort() };
}

describe.each(ENGINES.filter((engine) => engine === 'postgres'))('three ari serve processes on %s', () => {
  let fake: FakeWhatsApp;
  let servers: RunningAri[] = [];
  let database: Database;
  let drop: () => Promise<void> = async () => {};
  let stream: EventStream | undefined;

  beforeAll(async () => {
    fake = await startFakeWhatsApp();
    const created = await createPostgresDatabase();
    drop = created.drop;
    const env = ariEnv({
      DATABASE_URL: created.url,
      // 3 × (4 + 1 listener) connections: well under max_connections on a shared server.
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      ARI_DEMO: '0',
      ARI_ADMIN_TOKEN: ADMIN,
      KAPSO_WEBHOOK_SECRET: KAPSO_SECRET,
      KAPSO_API_KEY: 'kapso-project-key',
      KAPSO_API_BASE_URL: fake.baseUrl,
      ARI_DEBOUNCE_MS: String(DEBOUNCE_MS),
      ARI_RECONCILE_EVERY_MS: '0',
      LOG_LEVEL: 'debug',
    });
    const workspace = await runAri(
      ['workspace', 'create', '--name', 'Three Servers', '--slug', SLUG, '--kapso-phone-id', PHONE_ID],
      env,
    );
    expect(workspace.code, workspace.stderr).toBe(0);
    // Started together: their job queues and listeners come up side by side on one database.
    servers = await Promise.all([startAri(env), startAri(env), startAri(env)]);
    database = await openDatabase({ engine: 'postgres', url: created.url, poolSize: 2 });
  }, 120_000);

  afterAll(async () => {
    stream?.close();
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    await database?.close();
    await fake?.close();
    await drop();
  });

  it("a change made through one process reaches a console's event stream opened on another", async () => {
    stream = await openEventStream(servers[2]!.url);
    const put = await fetch(`${servers[0]!.url}/api/v1/workspaces/${SLUG}/assistant`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ botName: 'Tiga' }),
    });
    expect(put.status).toBe(200);
    await eventually(
      () => stream!.events.some((e) => e.event.type === 'settings.changed'),
      5000,
      'the settings change at the third server',
    );
    // The second server reads the change from the database: nothing cached per process.
    const read = await fetch(`${servers[1]!.url}/api/v1/workspaces/${SLUG}/assistant`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(await read.json()).toMatchObject({ config: { botName: 'Tiga' } });

    // A message stored by the first server: its change signal reaches the third before any reply
    // could (a reply turn waits for the debounce after the message, so after sentAt + debounce).
    const sentAt = Date.now();
    const response = await postKapso(
      servers[0]!.url,
      kapsoEvent({ id: 'wamid.multi-first', from: '+6281577700000', text: 'halo' }),
    );
    expect(await response.json()).toMatchObject({ stored: 1 });
    const changed = await eventually(
      () => stream!.events.find((e) => e.event.type === 'conversation.changed' && e.at >= sentAt),
      DEBOUNCE_MS,
      'the stored message at the third server',
    );
    expect(changed.at - sentAt).toBeLessThan(DEBOUNCE_MS);
    await eventually(() => fake.sends().length === 1, 15_000, 'the first reply');
  });

  it('stores every acknowledged message once and answers every burst exactly once, whichever process took it', async () => {
    const phone = (c: number) => `+62815888${String(c).padStart(5, '0')}`;
    // Counted from here, whatever the test before left behind.
    const sendsBefore = fake.sends().length;
    const [{ n: inboundBefore }] = (await database.query<{ n: number }>(
      `select count(*)::int as n from ari_messages where direction = 'inbound'`,
    )) as [{ n: number }];
    const outputBefore = servers.map((s) => s.output().length);
    // Connections to this database while the load runs: each process keeps to its pool
    // (with the default pool of 10 this test saw 35).
    let mostConnections = 0;
    const sampling = setInterval(() => {
      void database
        .query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = current_database()')
        .then(([row]) => (mostConnections = Math.max(mostConnections, row!.n)))
        .catch(() => undefined);
    }, 100);
    for (let burst = 0; burst < BURSTS; burst++) {
      // Customers write at once; each one's messages go one after the other to the three servers
      // in turn (message k of customer c to server (c + k) mod 3), well inside the debounce.
      await Promise.all(
        Array.from({ length: CUSTOMERS }, async (_, c) => {
          for (const [k, text] of BURST_TEXTS.entries()) {
            const event = kapsoEvent({ id: `wamid.multi-${burst}-${c}-${k}`, from: phone(c), text });
            const response = await postKapso(servers[(c + k) % 3]!.url, event);
            expect(response.status).toBe(200);
            expect(await response.json()).toMatchObject({ stored: 1, duplicates: 0 });
          }
          // Kapso retries the first delivery at another process: recognised, nothing stored twice.
          if (c % 5 === 0) {
            const retry = kapsoEvent({ id: `wamid.multi-${burst}-${c}-0`, from: phone(c), text: BURST_TEXTS[0] });
            const response = await postKapso(servers[(c + 1) % 3]!.url, retry);
            expect(await response.json()).toMatchObject({ stored: 0, duplicates: 1, repliesQueued: 0 });
          }
        }),
      );
      const expectedSends = sendsBefore + CUSTOMERS * (burst + 1);
      await eventually(
        async () => {
          const [row] = await database.query<{ n: number }>(
            `select count(*)::int as n from ari_messages where direction = 'inbound' and answered_at is null`,
          );
          return row!.n === 0 && fake.sends().length >= expectedSends;
        },
        20_000,
        `burst ${burst + 1} answered`,
      );
      // A second reply to any burst would come within a debounce window or two.
      await new Promise((resolve) => setTimeout(resolve, 2 * DEBOUNCE_MS));
      expect(fake.sends()).toHaveLength(expectedSends);
    }

    clearInterval(sampling);
    // 3 × (pool of 4 + the change-event listener) + this test's own 2.
    expect(mostConnections).toBeLessThanOrEqual(3 * (POOL_SIZE + 1) + 2);

    const [stored] = await database.query<{ n: number; distinct: number }>(
      `select count(*)::int as n, count(distinct provider_message_id)::int as distinct
         from ari_messages where direction = 'inbound'`,
    );
    const sent = inboundBefore + CUSTOMERS * BURSTS * BURST_TEXTS.length;
    expect(stored).toEqual({ n: sent, distinct: sent });
    const perConversation = await database.query<{ mode: string; inbound: number; outbound: number }>(
      `select c.mode,
              count(*) filter (where m.direction = 'inbound')::int as inbound,
              count(*) filter (where m.direction = 'outbound')::int as outbound
         from ari_conversations c join ari_messages m on m.conversation_id = c.id
        where c.id in (select conversation_id from ari_messages where provider_message_id like 'wamid.multi-_-%')
        group by c.id, c.mode`,
    );
    expect(perConversation).toHaveLength(CUSTOMERS);
    for (const row of perConversation) expect(row).toEqual({ mode: 'ai', inbound: BURSTS * 3, outbound: BURSTS });
    // What the customers received: one message per burst each.
    const received = new Map<string, number>();
    for (const send of fake.sends()) {
      const to = String(send.body.to);
      received.set(to, (received.get(to) ?? 0) + 1);
    }
    for (let c = 0; c < CUSTOMERS; c++) expect(received.get(phone(c).slice(1))).toBe(BURSTS);

    // pg-boss hands reply jobs to whichever process fetches first: the turns were shared out.
    const turns = servers.map(
      (s, i) =>
        s
          .output()
          .slice(outputBefore[i])
          .match(/"outcome":"replied"/g)?.length ?? 0,
    );
    expect(turns.reduce((a, b) => a + b, 0)).toBe(CUSTOMERS * BURSTS);
    expect(turns.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
