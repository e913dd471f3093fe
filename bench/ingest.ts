/**
 * npm run bench:ingest — signed Kapso webhooks from a load generator on loopback against
 * running `ari serve` processes, at a fixed rate (evenly spaced; BENCH_SHAPE=bursts for bursts). Prints throughput,
 * latency p50/p99 of the 200s, and what was stored and queued, which must equal
 * what was sent (every message is from a new customer, so each queues one reply).
 *
 * With BENCH_CONTACTS=N (`npm run bench:load`) the load is shaped as real traffic: N customers
 * write again and again (message k comes from customer k mod N) while their replies run
 * (debounce ARI_DEBOUNCE_MS, default 1500; the offline rules engine answers). After the run it
 * waits until the replies stop, then checks that every acknowledged message was stored once,
 * that no customer message was left unanswered, and that no reply reached the provider twice.
 * It also measures what `npm start` costs: time to ready and peak RSS on an empty
 * ARI_DATA_DIR, then on reopening it (BENCH_START=0 skips this; BENCH_START=1 runs it
 * without BENCH_CONTACTS too, e.g. `BENCH_ENGINES= BENCH_START=1` for the start alone).
 * BENCH_IDLE_AFTER_SECONDS=N: after the load's replies settle, the servers stay idle N s
 * and their RSS is sampled (every 10 s; the table shows the last and the highest): what
 * the memory comes back to after traffic (issue 15's "idle RSS after an hour of traffic").
 *
 *   BENCH_ENGINES=pglite,postgres   engines to run (postgres needs BENCH_DATABASE_URL
 *                                   or TEST_DATABASE_URL: an admin URL; a fresh database is made);
 *                                   empty: `npm start`'s cost alone (with BENCH_CONTACTS set)
 *   BENCH_PROCESSES=1               `ari serve` processes on PostgreSQL, webhooks round-robin
 *                                   across them (autocannon's connections alternate between them).
 *                                   PGlite always runs ONE process: its data directory belongs
 *                                   to one `ari serve`.
 *   BENCH_RATE_PGLITE, BENCH_RATE_POSTGRES   offered msg/s (ingest: 200 / 1000; load: 20 / 1000)
 *   BENCH_CONTACTS_PGLITE, BENCH_CONTACTS_POSTGRES   customers per engine (default BENCH_CONTACTS)
 *   BENCH_SHAPE=even                even: requests evenly spaced, latency from when each was due
 *                                   (send-at-fixed-rate.ts); bursts: autocannon's overallRate, whose
 *                                   per-connection quotas send a second's requests at its start
 *   BENCH_SECONDS=20 BENCH_CONNECTIONS=50
 *   BENCH_SERVER_NODE_OPTIONS       NODE_OPTIONS for the servers (and the commands the bench runs)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { hmacSha256Hex } from '../src/channels/webhook-signature.js';
import { openDatabase, type DatabaseTarget } from '../src/db/open-database.js';
import { startFakeWhatsApp } from '../test/support/fake-whatsapp.js';
import { sendAtFixedRate, type FixedRateResult } from './send-at-fixed-rate.js';
import { ARI_BIN, ariEnv, runAri, START_NODE_ARGS, startAri, type RunningAri } from '../test/support/run-ari.js';
import { createPostgresDatabase } from '../test/support/test-database.js';

const SECRET = 'bench-secret';
const PHONE_ID = '5550001112223';
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
/** Empty (BENCH_ENGINES=): no load at all, only the start measurement of bench:load. */
const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres')
  .split(',')
  .map((e) => e.trim())
  .filter(Boolean);
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
/** 0: every message from a new customer (the front door alone); N: N customers writing again and again. */
const contacts = Number(process.env.BENCH_CONTACTS ?? 0);
const loadShaped = contacts > 0;
const postgresProcesses = Number(process.env.BENCH_PROCESSES ?? 1);
const idleAfterSeconds = Number(process.env.BENCH_IDLE_AFTER_SECONDS ?? 0);
/** even: requests evenly spaced (send-at-fixed-rate.ts); bursts: autocannon's per-second quotas. */
const shape = process.env.BENCH_SHAPE ?? 'even';
if (shape !== 'even' && shape !== 'bursts') throw new Error('BENCH_SHAPE must be even or bursts');
if (!Number.isFinite(idleAfterSeconds) || idleAfterSeconds < 0)
  throw new Error('BENCH_IDLE_AFTER_SECONDS must be a number of seconds ≥ 0');
if (!Number.isInteger(postgresProcesses) || postgresProcesses < 1)
  throw new Error('BENCH_PROCESSES must be a whole number ≥ 1');

interface Result {
  setup: string;
  engine: string;
  processes: number;
  rate: number;
  contacts: number;
  ok: number;
  errors: number;
  throughput: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  storedMessages: number;
  distinctStored: number;
  queuedReplyJobs: number;
  /** Load-shaped: conversations, customer messages never answered (must be 0), replies. */
  conversations: number;
  unanswered: number;
  repliesStored: number;
  /** Stored replies not (yet) sent when the run ended, by status. */
  repliesNotSent: string;
  providerSends: number;
  /** Sends of one stored reply that reached the provider more than once (must be 0). */
  doubleSends: number;
  /** After the run, replies settled: resident and peak memory of the largest process, MB. */
  rssMb: number;
  peakRssMb: number;
  /** CPU time the servers used from start to the end of the replies (user + system), s. */
  cpuSeconds: number;
  /** BENCH_IDLE_AFTER_SECONDS: the largest process's RSS at the end of the idle time, and the highest sampled, MB. */
  idleAfter: { seconds: number; rssMb: number; highestMb: number } | null;
}

function setupName(engine: string, processes: number): string {
  const name = engine === 'postgres' ? 'PostgreSQL' : 'PGlite';
  return processes === 1 ? `${name}, one process` : `${name}, ${processes} processes, round-robin`;
}

async function runEngine(engine: string): Promise<Result> {
  const rate = Number(
    engine === 'postgres'
      ? (process.env.BENCH_RATE_POSTGRES ?? 1000)
      : (process.env.BENCH_RATE_PGLITE ?? (loadShaped ? 20 : 200)),
  );
  const customers = Number(
    (engine === 'postgres' ? process.env.BENCH_CONTACTS_POSTGRES : process.env.BENCH_CONTACTS_PGLITE) ?? contacts,
  );
  const processes = engine === 'postgres' ? postgresProcesses : 1;
  // Each connection talks to one server: a multiple of the server count spreads them evenly.
  const connections = Math.ceil(Number(process.env.BENCH_CONNECTIONS ?? 50) / processes) * processes;
  console.log(
    `\n${setupName(engine, processes)}: ${seconds} s at ${rate} msg/s, ${customers || 'new'} customers, ${connections} connections…`,
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
    ARI_DEBOUNCE_MS: loadShaped ? (process.env.ARI_DEBOUNCE_MS ?? '1500') : '60000',
    ARI_RECONCILE_EVERY_MS: '0',
    ...(process.env.DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE } : {}),
    // For a look inside the servers: a --require'd script (Node 20 refuses --cpu-prof here), a heap limit…
    ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
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
  const servers: RunningAri[] = await Promise.all(Array.from({ length: processes }, () => startAri(env)));

  let counter = 0;
  const body = () => {
    const n = ++counter;
    const customer = customers > 0 ? n % customers : n;
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
      is_new_conversation: customers === 0,
      phone_number_id: PHONE_ID,
    });
  };

  // Warm-up (JIT, connection pools), not measured or counted below.
  const warmup = 50;
  for (let i = 0; i < warmup; i++) {
    const payload = body();
    const server = servers[i % servers.length]!;
    await fetch(`${server.url}/webhooks/kapso`, { method: 'POST', headers: headers(payload), body: payload });
  }

  console.log(`  load (${shape})…`);
  const load =
    shape === 'even'
      ? await sendEvenly(servers, rate, connections, body)
      : await sendInBursts(servers, rate, connections, body);
  if (loadShaped) {
    // Replies still running: wait until the provider has seen no new send for 5 s.
    let seen = -1;
    while (seen !== fake.sends().length) {
      seen = fake.sends().length;
      console.log(`  replies sent so far: ${seen}`);
      await new Promise((resolve) => setTimeout(resolve, 5000));
    }
  }
  const memory = servers.map((s) => processMemory(s.process.pid!));
  const cpuSeconds = servers.reduce((sum, s) => sum + processCpuSeconds(s.process.pid!), 0);
  const idleAfter =
    idleAfterSeconds > 0
      ? await idleRss(
          servers.map((s) => s.process.pid!),
          idleAfterSeconds,
        )
      : null;
  await Promise.all(servers.map((s) => s.stop('SIGTERM')));

  const database = await openDatabase(target);
  const [messages] = await database.query<{ n: number; distinct: number }>(
    `select count(*)::int as n, count(distinct provider_message_id)::int as distinct
       from ari_messages where direction = 'inbound'`,
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
  const [replies] = await database.query<{ n: number; unsent: string | null }>(
    `select coalesce(sum(n), 0)::int as n,
            string_agg(status || ' ' || n, ', ') filter (where status <> 'sent') as unsent
       from (select status, count(*)::int as n from ari_messages where direction = 'outbound' group by status) s`,
  );
  await database.close();
  await dropDatabase();
  if (env.ARI_DATA_DIR) fs.rmSync(env.ARI_DATA_DIR, { recursive: true, force: true });
  await fake.close();

  // Each stored reply carries its own id to the provider (biz_opaque_callback_data).
  const callbacks = fake.accepted.map((send) => send.callbackData);
  const ok = load.ok;
  return {
    setup: setupName(engine, processes),
    engine,
    processes,
    rate,
    contacts: customers,
    ok,
    errors: load.non2xx + load.errors,
    throughput: Math.round((ok / load.durationSeconds) * 10) / 10,
    ...load.latency,
    storedMessages: Number(messages!.n) - warmup,
    distinctStored: Number(messages!.distinct) - warmup,
    queuedReplyJobs: Number(jobs!.n) - warmup,
    conversations: Number(conversations!.n),
    unanswered: Number(unanswered!.n),
    repliesStored: Number(replies!.n),
    repliesNotSent: replies!.unsent ?? '',
    providerSends: fake.sends().length,
    doubleSends: callbacks.length - new Set(callbacks).size,
    rssMb: Math.max(...memory.map((m) => m.rssMb)),
    peakRssMb: Math.max(...memory.map((m) => m.peakRssMb)),
    cpuSeconds,
    idleAfter,
  };
}

/** Webhooks evenly spaced at `rate`, timed from when each was due. */
function sendEvenly(servers: RunningAri[], rate: number, connections: number, body: () => string) {
  return sendAtFixedRate({
    origins: servers.map((s) => s.url),
    rate,
    total: rate * seconds,
    connections,
    request: () => {
      const payload = body();
      return { path: '/webhooks/kapso', headers: headers(payload), body: payload };
    },
  });
}

/**
 * autocannon at `overallRate`: each connection sends its share of a second's requests as soon
 * as its quota refills, every connection's timer started together — so a second's requests
 * arrive at once at its start. What a burst (a broadcast's answers, a provider's backlog) costs.
 */
async function sendInBursts(
  servers: RunningAri[],
  rate: number,
  connections: number,
  body: () => string,
): Promise<FixedRateResult> {
  const urls = servers.map((s) => `${s.url}/webhooks/kapso`);
  const result = await autocannon({
    // Several URLs: connection i talks to urls[i mod n] (round-robin over the processes).
    url: (urls.length === 1 ? urls[0] : urls) as string,
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
  return {
    ok: result['2xx'],
    non2xx: result.non2xx,
    // autocannon counts a timeout among its errors.
    errors: result.errors,
    durationSeconds: result.duration,
    latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
  };
}

/** The servers left idle for `seconds`: the largest one's RSS, sampled every 10 s (last and highest), MB. */
async function idleRss(
  pids: number[],
  seconds: number,
): Promise<{ seconds: number; rssMb: number; highestMb: number }> {
  console.log(`  idle for ${seconds} s…`);
  const largest = () => Math.max(...pids.map((pid) => processMemory(pid).rssMb));
  const until = Date.now() + seconds * 1000;
  let highestMb = largest();
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, until - Date.now())));
    highestMb = Math.max(highestMb, largest());
  }
  return { seconds, rssMb: largest(), highestMb };
}

function headers(payload: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-webhook-event': 'whatsapp.message.received',
    'x-webhook-signature': hmacSha256Hex(payload, SECRET),
  };
}

/** Resident (VmRSS) and peak resident (VmHWM) memory of a live process, from /proc, MB. */
function processMemory(pid: number): { rssMb: number; peakRssMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}

/** User + system CPU time a live process has used, s (from /proc/<pid>/stat, in clock ticks of 1/100 s). */
function processCpuSeconds(pid: number): number {
  // The fields after the command name (which may hold spaces) start at state; utime and stime are the 12th and 13th.
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Every live process below pid (a helper a start might spawn), from /proc's children lists. */
function descendants(pid: number): number[] {
  const found: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return found;
  }
  for (const task of tasks) {
    const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    for (const child of children ? children.split(/\s+/).map(Number) : []) found.push(child, ...descendants(child));
  }
  return found;
}

interface StartCost {
  phase: string;
  readyMs: number;
  /** The highest resident memory of the process tree until ready (VmHWM, plus helpers sampled). */
  peakRssMb: number;
  /** Resident memory 5 s after ready, idle. */
  idleRssMb: number;
  /** The server's own account of its start (startMs in the "ARI is serving" log line). */
  steps: Record<string, number>;
}

/** `npm start` as a user runs it (ari serve, demo workspace on), on an empty directory and then again. */
async function measureStart(): Promise<StartCost[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ari-bench-start-'));
  const env = { ...ariEnv({ ARI_DATA_DIR: dataDir, LOG_LEVEL: 'info' }), PORT: '0', HOST: '127.0.0.1' };
  const costs: StartCost[] = [];
  for (const phase of ['first start, empty ARI_DATA_DIR', 'reopen']) {
    const started = Date.now();
    const child = spawn(process.execPath, [...START_NODE_ARGS, ARI_BIN, 'serve'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pid = child.pid!;
    // Helpers a start may spawn (an initdb child) count while they live: sampled every 20 ms.
    let helpersMb = 0;
    const sampler = setInterval(() => {
      let sum = 0;
      for (const helper of descendants(pid)) {
        try {
          sum += processMemory(helper).rssMb;
        } catch {
          // gone meanwhile
        }
      }
      helpersMb = Math.max(helpersMb, sum);
    }, 20);
    let steps: Record<string, number> = {};
    const readyMs = await new Promise<number>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const serving = output.split('\n').find((line) => line.includes('"msg":"ARI is serving"'));
        if (!serving) return;
        resolve(Date.now() - started);
        steps = (JSON.parse(serving) as { startMs?: Record<string, number> }).startMs ?? {};
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => reject(new Error(`ari serve exited with ${code}:\n${output}`)));
    });
    clearInterval(sampler);
    const atReady = processMemory(pid);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const idle = processMemory(pid);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    costs.push({
      phase,
      readyMs,
      peakRssMb: Math.max(atReady.peakRssMb, idle.peakRssMb) + helpersMb,
      idleRssMb: idle.rssMb,
      steps,
    });
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  return costs;
}

const results: Result[] = [];
for (const engine of engines) {
  if (engine === 'postgres' && !adminUrl) {
    console.log('skipping postgres: set BENCH_DATABASE_URL or TEST_DATABASE_URL');
    continue;
  }
  if (engine === 'pglite' && postgresProcesses > 1)
    console.log(
      'PGlite runs one process (its data directory belongs to one ari serve); BENCH_PROCESSES is for PostgreSQL',
    );
  results.push(await runEngine(engine));
}
const startWanted = process.env.BENCH_START === '1' || (loadShaped && process.env.BENCH_START !== '0');
const starts = startWanted ? await measureStart() : [];
console.log(
  `\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}\n`,
);
const check = (good: boolean) => (good ? 'yes' : '**NO**');
if (loadShaped) {
  if (results.length > 0)
    console.log(
      '| setup | offered msg/s | conversations | acked (200) | errors | achieved msg/s | ack p50 ms | ack p99 ms | max ms | stored once (stored) | all answered | replies sent once (sends; not sent) | RSS after, MB | server CPU s |',
    );
  if (results.length > 0) console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    // A request the load generator gave up on (10 s) may still have been stored: Kapso would
    // retry it, and the retry would be a duplicate. So: every 200 stored, nothing stored twice.
    const storedOnce =
      r.storedMessages >= r.ok && r.storedMessages <= r.ok + r.errors && r.distinctStored === r.storedMessages;
    const sentOnce = r.doubleSends === 0 && r.providerSends <= r.repliesStored;
    console.log(
      `| ${r.setup} | ${r.rate} | ${r.conversations} | ${r.ok} | ${r.errors} | ${r.throughput} | ${r.p50} | ${r.p99} | ${r.max} | ${check(storedOnce)} (${r.storedMessages}) | ${check(r.unanswered === 0)} | ${check(sentOnce)} (${r.providerSends}${r.repliesNotSent ? `; ${r.repliesNotSent}` : ''}) | ${r.rssMb} (peak ${r.peakRssMb}) | ${r.cpuSeconds.toFixed(1)} |`,
    );
    if (!storedOnce || r.unanswered !== 0 || !sentOnce)
      console.log(
        `MISMATCH on ${r.setup}: stored ${r.storedMessages} (${r.distinctStored} distinct) of ${r.ok} acknowledged (+${r.errors} unanswered requests), ${r.unanswered} unanswered, ${r.providerSends} sends for ${r.repliesStored} stored replies (${r.doubleSends} twice)`,
      );
  }
} else {
  console.log(
    '| setup | target msg/s | 200s | errors | achieved msg/s | p50 ms | p90 ms | p99 ms | max ms | stored | reply jobs |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.setup} | ${r.rate} | ${r.ok} | ${r.errors} | ${r.throughput} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.max} | ${r.storedMessages} | ${r.queuedReplyJobs} |`,
    );
    if (r.storedMessages !== r.ok || r.queuedReplyJobs !== r.ok)
      console.log(`MISMATCH on ${r.setup}: every acknowledged message must be stored and queued once`);
  }
}
for (const r of results) {
  if (r.idleAfter)
    console.log(
      `${r.setup}: idle ${r.idleAfter.seconds} s after the load (and its replies): RSS ${r.idleAfter.rssMb} MB (highest sampled ${r.idleAfter.highestMb} MB; ${r.rssMb} MB when the load ended)`,
    );
}
if (starts.length > 0) {
  console.log(
    '\n| npm start (PGlite, demo on) | ready in ms | peak RSS MB | idle RSS MB (5 s after ready) | steps, ms (startMs of "ARI is serving") |',
  );
  console.log('|---|---|---|---|---|');
  for (const s of starts)
    console.log(
      `| ${s.phase} | ${s.readyMs} | ${s.peakRssMb} | ${s.idleRssMb} | ${Object.entries(s.steps)
        .map(([step, ms]) => `${step} ${ms}`)
        .join(', ')} |`,
    );
}
