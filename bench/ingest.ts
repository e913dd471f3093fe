/**
 * npm run bench:ingest — signed Kapso webhooks from a load generator (autocannon)
 * on loopback against a running `ari serve`, at a fixed rate. Prints throughput,
 * latency p50/p99 of the 200s, and what was stored and queued, which must equal
 * what was sent (every message is from a new customer, so each queues one reply).
 *
 * With BENCH_CONTACTS=N (`npm run bench:load`) the load is shaped as real traffic: N customers
 * write again and again (message k comes from customer k mod N) while their replies run
 * (debounce ARI_DEBOUNCE_MS, default 1500; the offline rules engine answers). After the run it
 * waits until the replies stop, then checks that every acknowledged message was stored once and
 * that no customer message was left unanswered.
 *
 *   BENCH_ENGINES=pglite,postgres   engines to run (postgres needs BENCH_DATABASE_URL
 *                                   or TEST_DATABASE_URL: an admin URL; a fresh database is made)
 *   BENCH_RATE_PGLITE=200 BENCH_RATE_POSTGRES=1000 BENCH_SECONDS=20 BENCH_CONNECTIONS=50
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { hmacSha256Hex } from '../src/channels/webhook-signature.js';
import { openDatabase, type DatabaseTarget } from '../src/db/open-database.js';
import { startFakeWhatsApp } from '../test/support/fake-whatsapp.js';
import { ariEnv, runAri, startAri } from '../test/support/run-ari.js';
import { createPostgresDatabase } from '../test/support/test-database.js';

const SECRET = 'bench-secret';
const PHONE_ID = '5550001112223';
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',').map((e) => e.trim());
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
/** 0: every message from a new customer (the front door alone); N: N customers writing again and again. */
const contacts = Number(process.env.BENCH_CONTACTS ?? 0);

interface Result {
  engine: string;
  rate: number;
  ok: number;
  errors: number;
  throughput: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  storedMessages: number;
  queuedReplyJobs: number;
  /** With BENCH_CONTACTS: conversations, and customer messages never answered (must be 0). */
  conversations: number;
  unanswered: number;
}

async function runEngine(engine: string): Promise<Result> {
  const rate = Number(
    engine === 'postgres' ? (process.env.BENCH_RATE_POSTGRES ?? 1000) : (process.env.BENCH_RATE_PGLITE ?? 200),
  );
  const fake = await startFakeWhatsApp();
  let target: DatabaseTarget;
  let dropDatabase = async () => {};
  const env = ariEnv({
    ARI_DEMO: '0',
    LOG_LEVEL: 'info',
    KAPSO_WEBHOOK_SECRET: SECRET,
    KAPSO_API_KEY: 'bench',
    KAPSO_API_BASE_URL: fake.baseUrl,
    // Front door alone: replies are due well after the run. Real traffic: replies run meanwhile.
    ARI_DEBOUNCE_MS: contacts > 0 ? (process.env.ARI_DEBOUNCE_MS ?? '1500') : '60000',
  });
  if (engine === 'postgres') {
    if (!adminUrl) throw new Error('set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to run on PostgreSQL');
    const created = await createPostgresDatabase(adminUrl, 'ari_bench');
    env.DATABASE_URL = created.url;
    target = { engine: 'postgres', url: created.url };
    dropDatabase = created.drop;
  } else {
    env.ARI_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'ari-bench-'));
    target = { engine: 'pglite', dataDir: path.join(env.ARI_DATA_DIR, 'pglite') };
  }

  const created = await runAri(
    ['workspace', 'create', '--name', 'Bench', '--slug', 'bench', '--kapso-phone-id', PHONE_ID],
    env,
  );
  if (created.code !== 0) throw new Error(created.stderr);
  const server = await startAri(env);

  let counter = 0;
  const body = () => {
    const n = ++counter;
    const customer = contacts > 0 ? n % contacts : n;
    const phone = `+62812${String(10_000_000 + customer).slice(-8)}`;
    return JSON.stringify({
      message: {
        id: `wamid.bench-${n}`,
        timestamp: String(Math.floor(Date.now() / 1000)),
        type: 'text',
        text: { body: `pesan ${n}` },
        kapso: { direction: 'inbound', origin: 'cloud_api', content: `pesan ${n}` },
      },
      conversation: {
        id: `c-${customer}`,
        phone_number: phone,
        phone_number_id: PHONE_ID,
        kapso: { contact_name: `Lead ${customer}` },
      },
      is_new_conversation: contacts === 0,
      phone_number_id: PHONE_ID,
    });
  };

  // Warm-up (JIT, connection pools), not measured or counted below.
  const warmup = 50;
  for (let i = 0; i < warmup; i++) {
    const payload = body();
    await fetch(`${server.url}/webhooks/kapso`, { method: 'POST', headers: headers(payload), body: payload });
  }

  console.log('  load…');
  const result = await autocannon({
    url: `${server.url}/webhooks/kapso`,
    connections,
    overallRate: rate,
    amount: rate * seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const payload = body();
          return { ...request, body: payload, headers: headers(payload) };
        },
      },
    ],
  });
  if (contacts > 0) {
    // Replies still running: wait until the provider has seen no new send for 5 s.
    let seen = -1;
    while (seen !== fake.sends().length) {
      seen = fake.sends().length;
      console.log(`  replies sent so far: ${seen}`);
      await new Promise((resolve) => setTimeout(resolve, 5000));
    }
  }
  await server.stop('SIGTERM');

  const database = await openDatabase(target);
  const [messages] = await database.query<{ n: number }>(
    `select count(*)::int as n from ari_messages where direction = 'inbound'`,
  );
  const [jobs] = await database.query<{ n: number }>(
    `select (select count(*) from pgboss.job where name = 'reply') + (select count(*) from pgboss.archive where name = 'reply') as n`,
  );
  const [conversations] = await database.query<{ n: number }>('select count(*)::int as n from ari_conversations');
  const [unanswered] = await database.query<{ n: number }>(
    // In conversations the assistant still holds (a handoff leaves the rest to the team).
    `select count(*)::int as n from ari_messages m join ari_conversations c on c.id = m.conversation_id
      where m.direction = 'inbound' and m.answered_at is null and c.mode = 'ai'`,
  );
  await database.close();
  await dropDatabase();
  await fake.close();

  const ok = result['2xx'];
  return {
    engine,
    rate,
    ok,
    errors: result.non2xx + result.errors + result.timeouts,
    throughput: Math.round((ok / result.duration) * 10) / 10, // result.duration is seconds
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    storedMessages: Number(messages!.n) - warmup,
    queuedReplyJobs: Number(jobs!.n) - warmup,
    conversations: Number(conversations!.n),
    unanswered: Number(unanswered!.n),
  };
}

function headers(payload: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-webhook-event': 'whatsapp.message.received',
    'x-webhook-signature': hmacSha256Hex(payload, SECRET),
  };
}

const results: Result[] = [];
for (const engine of engines) {
  if (engine === 'postgres' && !adminUrl) {
    console.log('skipping postgres: set BENCH_DATABASE_URL or TEST_DATABASE_URL');
    continue;
  }
  console.log(`\n${engine}: ${seconds} s at the target rate, ${connections} connections…`);
  results.push(await runEngine(engine));
}
console.log(
  `\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`,
);
if (contacts > 0) {
  console.log(
    '| engine | target msg/s | customers | 200s | errors | achieved msg/s | ack p50 ms | ack p99 ms | max ms | stored | conversations | unanswered |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.engine} | ${r.rate} | ${contacts} | ${r.ok} | ${r.errors} | ${r.throughput} | ${r.p50} | ${r.p99} | ${r.max} | ${r.storedMessages} | ${r.conversations} | ${r.unanswered} |`,
    );
    if (r.storedMessages !== r.ok || r.unanswered !== 0)
      console.log(`MISMATCH on ${r.engine}: every acknowledged message must be stored once and answered`);
  }
} else {
  console.log(
    '| engine | target msg/s | 200s | errors | achieved msg/s | p50 ms | p90 ms | p99 ms | max ms | stored | reply jobs |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.engine} | ${r.rate} | ${r.ok} | ${r.errors} | ${r.throughput} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.max} | ${r.storedMessages} | ${r.queuedReplyJobs} |`,
    );
    if (r.storedMessages !== r.ok || r.queuedReplyJobs !== r.ok)
      console.log(`MISMATCH on ${r.engine}: every acknowledged message must be stored and queued once`);
  }
}
