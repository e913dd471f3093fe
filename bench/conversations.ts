/**
 * npm run bench:conversations — N concurrent scripted conversations through the
 * sandbox channel against a local OpenAI-compatible "model" with a fixed latency,
 * with Brain throttling on (ARI_BRAIN_EVERY=3) and off (every message). Prints the
 * orchestration overhead per reply (wall time minus model time) p50/p99, Mouth and
 * Brain calls per customer message, tokens and cost per conversation, and whether
 * the final temperatures match between the two runs.
 *
 *   BENCH_CONVERSATIONS=20  BENCH_MODEL_LATENCY_MS=150
 *   BENCH_ENGINE=pglite|postgres (postgres: BENCH_DATABASE_URL or TEST_DATABASE_URL, a fresh database)
 *   BENCH_THINK_MS=0  customers' pause between messages (0: none — a saturation test)
 *   BENCH_WARMUP=1    first, 5 conversations in a throwaway database, not measured: a fresh
 *                     process's first turns are V8 compiling ARI (they took 50–150 ms here, every
 *                     later turn under 45), and a server runs warm for days. 0: measure from cold.
 *
 * The fake model answers the Mouth with the question ARI asked for, and the Brain
 * with the rubric applied to the transcript it was sent: a deterministic stand-in
 * whose verdict depends on what the customer said, as a real model's does.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { and, eq, ne, sql } from 'drizzle-orm';
import { rubricPoints } from '../src/assistant/lead/score-lead.js';
import { readMessage } from '../src/assistant/rules/read-message.js';
import type { LeadFacts } from '../src/assistant/lead/lead-facts.js';
import { builtInPlaybook } from '../src/playbooks/built-in-playbooks.js';
import { simulateMessage } from '../src/conversations/simulate-message.js';
import { loadConfig } from '../src/config/config.js';
import { aiUsage } from '../src/db/schema.js';
import { createLogger } from '../src/logging/create-logger.js';
import { startService, type RunningService } from '../src/service/start-service.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { createPostgresDatabase } from '../test/support/test-database.js';

const conversations = Number(process.env.BENCH_CONVERSATIONS ?? 20);
const modelLatencyMs = Number(process.env.BENCH_MODEL_LATENCY_MS ?? 150);
const engine = process.env.BENCH_ENGINE ?? 'pglite';
/**
 * 0: each customer writes again the moment the reply arrives, all starting together (a
 * saturation test: the overhead is mostly queueing for the database). N: customers start
 * at random within N ms and pause 0.5–1.5 × N ms before each next message, as people do.
 */
const thinkMs = Number(process.env.BENCH_THINK_MS ?? 0);
if (!Number.isFinite(thinkMs) || thinkMs < 0) throw new Error('BENCH_THINK_MS must be a number of ms ≥ 0');
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const warmup = process.env.BENCH_WARMUP !== '0';

const playbook = builtInPlaybook('study-abroad')!;

const SCRIPTS: string[][] = [
  [
    'Halo kak, saya mau tanya kuliah di luar negeri',
    'Nama saya Budi Santoso',
    'Mau ke Australia',
    'S2 kak',
    'Sekitar 500 juta per tahun',
    'Tahun depan',
    'Sudah, IELTS 7.0',
    'Sudah ada',
    'udah',
    'ada',
    'sudah',
  ],
  [
    "Hi, I'd like to study abroad",
    'My name is Sarah Lee',
    'Canada',
    "Master's",
    'About CAD 40k per year',
    'Next year',
    'Yes, IELTS 7.5',
    'yes',
    'yes',
    'yes',
    'yes',
  ],
  ['Halo', 'Nama saya Rina', 'Ke Inggris', 'S1', 'Belum tahu', 'Mungkin 2029', 'Belum tes', 'belum', 'belum'],
  ['Hello', 'My name is Tom', 'Japan', 'bachelor', 'Not sure', 'Just looking for now, maybe later'],
];

/** The stand-in model: fixed latency, OpenAI-compatible chat completions with usage. */
async function startModel(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as {
        model: string;
        response_format?: unknown;
        messages: Array<{ role: string; content: string }>;
      };
      const system = body.messages[0]?.content ?? '';
      let content: string;
      if (body.response_format) {
        // Reads the transcript as a model would: each answer in the light of the question before it.
        const known = /Known so far: (\{.*?\}). Current state/.exec(system)?.[1];
        let facts: LeadFacts = known ? JSON.parse(known) : {};
        const signals = new Set<string>();
        let asked: string | null = null;
        const userMessages: string[] = [];
        for (const m of body.messages.slice(1)) {
          if (m.role === 'user') {
            const reading = readMessage(playbook, m.content, asked, facts, new Date());
            facts = reading.facts;
            for (const signal of reading.signals) signals.add(signal);
            userMessages.push(m.content);
          } else {
            asked =
              playbook.slots.find(
                (slot) => m.content.includes(slot.question.id) || m.content.includes(slot.question.en),
              )?.id ?? null;
          }
        }
        // The rubric's own category ids (basic_info, …): what the playbook's Brain schema asks for.
        const points = rubricPoints(playbook, facts, signals, userMessages.length);
        content = JSON.stringify({
          points,
          facts: {},
          state: 'qualifying',
          next_action: 'continue_bot',
          reasoning: 'rubric over the transcript',
        });
      } else {
        content = /in your own words: "([^"]+)"/.exec(system)?.[1] ?? 'Baik kak.';
      }
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'bench',
            object: 'chat.completion',
            created: 0,
            model: body.model,
            choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
            usage: {
              prompt_tokens: Math.ceil(raw.length / 4),
              completion_tokens: Math.ceil(content.length / 4),
              total_tokens: 0,
            },
          }),
        );
      }, modelLatencyMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

interface RunResult {
  brainEvery: number;
  overheads: number[];
  userMessages: number;
  mouthCalls: number;
  brainCalls: number;
  tokens: number;
  costUsd: number;
  temperatures: string[];
}

async function run(brainEvery: number, modelUrl: string, count = conversations): Promise<RunResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ari-bench-conv-'));
  const postgres = engine === 'postgres' ? await createPostgresDatabase(adminUrl, 'ari_bench') : null;
  const config = loadConfig({
    ARI_DATA_DIR: dataDir,
    DATABASE_URL: postgres?.url,
    PORT: '0',
    HOST: '127.0.0.1',
    ARI_DEMO: '0',
    LOG_LEVEL: 'warn',
    ARI_DEBOUNCE_MS: '0',
    GROK_API_KEY: 'bench',
    GROK_BASE_URL: modelUrl,
    ARI_BRAIN_EVERY: String(brainEvery),
  });
  const service: RunningService = await startService(config, createLogger(config));
  const { ctx } = service;
  const db = ctx.database.db;
  const ws = await createWorkspace(
    db,
    { name: 'Bench Study', slug: 'bench-study' },
    { greetingTemplate: 'Halo, ada yang bisa dibantu?', communityLink: 'https://chat.whatsapp.com/bench' },
  );
  const result: RunResult = {
    brainEvery,
    overheads: [],
    userMessages: 0,
    mouthCalls: 0,
    brainCalls: 0,
    tokens: 0,
    costUsd: 0,
    temperatures: [],
  };

  async function converse(n: number): Promise<void> {
    const script = SCRIPTS[n % SCRIPTS.length]!;
    const from = `+62813${String(10_000_000 + n).slice(-8)}`;
    let temperature: string | null = null;
    if (thinkMs > 0) await pause(thinkMs * Math.random());
    for (const [index, text] of script.entries()) {
      if (thinkMs > 0 && index > 0) await pause(thinkMs * (0.5 + Math.random()));
      const said = await simulateMessage(ctx, { workspace: 'bench-study', from, text, timeoutMs: 60_000 });
      temperature = said.conversation.conversation.leadTemperature;
      result.userMessages++;
      const replyId = said.conversation.messages.find(
        (m) =>
          m.direction === 'outbound' && ((m.metadata as { answers?: string[] }).answers ?? []).includes(said.messageId),
      )?.id;
      if (replyId) {
        // From the database's clock: message stored → reply committed, minus the model calls in between.
        const [turn] = await db
          .execute<{ wall: number; model: number }>(sql`
          select extract(epoch from (o.created_at - i.created_at)) * 1000 as wall,
                 coalesce((select sum(u.latency_ms) from ai_usage u
                            where u.conversation_id = i.conversation_id and u.provider <> 'rules'
                              and u.created_at between i.created_at and o.created_at), 0) as model
            from ari_messages i, ari_messages o
           where i.id = ${said.messageId} and o.id = ${replyId}`)
          .then((r) => (r as unknown as { rows: Array<{ wall: number; model: number }> }).rows);
        result.overheads.push(Math.round(Number(turn!.wall) - Number(turn!.model)));
      }
      if (said.conversation.conversation.mode === 'human') break;
    }
    result.temperatures[n] = temperature ?? 'none';
  }

  await Promise.all(Array.from({ length: count }, (_, n) => converse(n)));
  const rows = await db
    .select({
      aiType: aiUsage.aiType,
      calls: sql<number>`count(*)::int`,
      tokens: sql<number>`coalesce(sum(${aiUsage.inputTokens} + ${aiUsage.outputTokens}), 0)::int`,
      cost: sql<string>`coalesce(sum(${aiUsage.costUsd}), 0)::text`,
    })
    .from(aiUsage)
    .where(and(eq(aiUsage.workspaceId, ws.id), ne(aiUsage.provider, 'rules')))
    .groupBy(aiUsage.aiType);
  for (const row of rows) {
    if (row.aiType === 'mouth') result.mouthCalls = row.calls;
    else result.brainCalls = row.calls;
    result.tokens += row.tokens;
    result.costUsd += Number(row.cost);
  }
  await service.close();
  await postgres?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return result;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const model = await startModel();
if (warmup) await run(3, model.url, 5);
const throttled = await run(3, model.url);
const everyTime = await run(1, model.url);
await model.close();

console.log(
  `\n${engine}: ${conversations} concurrent conversations, model latency ${modelLatencyMs} ms, debounce 0, customers pause ${thinkMs ? `0.5–1.5 × ${thinkMs} ms` : 'not at all'}, ${warmup ? 'after a warm-up' : 'from a cold start'}; machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`,
);
console.log(
  '| Brain runs | customer msgs | overhead p50 ms | overhead p99 ms | Mouth calls/msg | Brain calls/msg | tokens/conversation | USD/conversation |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const r of [throttled, everyTime]) {
  console.log(
    `| ${r.brainEvery === 1 ? 'every message' : `every ${r.brainEvery} + signals`} | ${r.userMessages} | ${percentile(r.overheads, 50)} | ${percentile(r.overheads, 99)} | ` +
      `${(r.mouthCalls / r.userMessages).toFixed(2)} | ${(r.brainCalls / r.userMessages).toFixed(2)} | ${Math.round(r.tokens / conversations)} | ${(r.costUsd / conversations).toFixed(6)} |`,
  );
}
const same = throttled.temperatures.every((t, i) => t === everyTime.temperatures[i]);
console.log(
  `\nfinal temperatures identical in both runs: ${same ? 'yes' : 'NO'} (${throttled.temperatures.join(', ')})`,
);
