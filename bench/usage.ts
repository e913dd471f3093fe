/**
 * npm run bench:usage — one workspace with 1,000,000 ai_usage rows over 90 days
 * (50,000 conversations of 20 calls each, Mouth and Brain, four models, a few
 * failures), loaded through the production insert path (the rollup trigger), then
 * every usage report timed: p50 and p95 over BENCH_RUNS runs, for the last 30 days
 * and for all 90. Target: every report under 100 ms at p95 on PostgreSQL.
 *
 *   BENCH_ENGINES=pglite,postgres   (postgres needs BENCH_DATABASE_URL or TEST_DATABASE_URL, an admin URL)
 *   BENCH_ROWS=1000000 BENCH_RUNS=30 BENCH_KEEP_DATABASE=1 (leave the database for EXPLAIN)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { applyMigrations } from '../src/db/migrations.js';
import { openDatabase, type Database, type DatabaseTarget } from '../src/db/open-database.js';
import { getUsageReport } from '../src/usage/get-usage-report.js';
import { localDate } from '../src/core/local-date.js';
import { listWorkspacesUsage } from '../src/usage/list-workspaces-usage.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { createPostgresDatabase } from '../test/support/test-database.js';

const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',').map((e) => e.trim());
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const totalRows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 30);
const CALLS_PER_CONVERSATION = 20;
const conversations = Math.ceil(totalRows / CALLS_PER_CONVERSATION);
const CHUNK = 2_500; // conversations per insert statement (50,000 rows)

async function seed(database: Database): Promise<{ loadSeconds: number }> {
  const { db } = database;
  const workspace = await createWorkspace(db, { name: 'Bench Overseas', slug: 'bench', timezone: 'Asia/Jakarta' });
  await createWorkspace(db, { name: 'Quiet Agency', slug: 'quiet', timezone: 'Asia/Makassar' });
  await db.execute(sql`
    insert into contacts (workspace_id, phone, name, lead_score, lead_status)
    select ${workspace.id}, '+62812' || lpad(i::text, 8, '0'), 'Lead ' || i, (i * 37) % 101,
      case when i % 10 = 0 then 'hot' when i % 3 = 0 then 'warm' else 'cold' end
    from generate_series(1, ${conversations}) i`);
  await db.execute(sql`
    insert into ari_conversations (workspace_id, contact_id, channel)
    select workspace_id, id, 'kapso' from contacts where workspace_id = ${workspace.id}`);
  const started = performance.now();
  for (let first = 0; first < conversations; first += CHUNK) {
    // Conversation n starts at a point spread over the 90 days and makes a call every 5 minutes.
    await db.execute(sql`
      with c as (
        select id, row_number() over (order by id) - 1 as n from ari_conversations where workspace_id = ${workspace.id}
      ), calls as (
        select c.id, c.n, k, (c.n * 31 + k * 17) % 100 as h,
          now() - interval '90 days' - interval '2 hours' + (c.n::float8 / ${conversations}) * interval '90 days' + k * interval '5 minutes' as at
        from c cross join generate_series(0, ${CALLS_PER_CONVERSATION - 1}) k
        where c.n >= ${first} and c.n < ${first + CHUNK}
      ), shaped as (
        select *, case when k % 3 = 2 then 'brain' else 'mouth' end as ai_type,
          case when k % 3 = 2 then (case when h < 95 then 'grok' else 'anthropic' end) else (case when h < 95 then 'sealion' else 'grok' end) end as provider,
          800 + (h * 13) % 700 as input_tokens, (h % 4) * 100 as cached_tokens, 30 + h as output_tokens
        from calls
      )
      insert into ai_usage (workspace_id, conversation_id, provider, model, ai_type, input_tokens, cached_input_tokens,
        output_tokens, reasoning_tokens, cost_usd, outcome, latency_ms, created_at, price_entry)
      select ${workspace.id}, id, provider,
        case provider when 'sealion' then 'aisingapore/Gemma-SEA-LION-v4-27B-IT' when 'anthropic' then 'claude-haiku-4-5'
          else (case when ai_type = 'brain' then 'grok-4-1-fast-reasoning' else 'grok-4-1-fast-non-reasoning' end) end,
        ai_type, input_tokens, cached_tokens, output_tokens, case when ai_type = 'brain' and provider = 'grok' then 150 else 0 end,
        case provider
          when 'sealion' then 0
          when 'anthropic' then ((input_tokens - cached_tokens) * 1.00 + cached_tokens * 0.10 + output_tokens * 5.00) / 1000000
          else ((input_tokens - cached_tokens) * 0.20 + cached_tokens * 0.05 + (output_tokens + case when ai_type = 'brain' then 150 else 0 end) * 0.50) / 1000000
        end,
        case when h = 50 then 'timeout' when h = 51 then 'error' else 'ok' end,
        300 + h * 7, at, provider || '/bench'
      from shaped`);
    process.stdout.write(`\r  loaded ${Math.min(first + CHUNK, conversations) * CALLS_PER_CONVERSATION} rows`);
  }
  process.stdout.write('\n');
  return { loadSeconds: (performance.now() - started) / 1000 };
}

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 3; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95) };
}

async function runEngine(engine: string) {
  let target: DatabaseTarget;
  let cleanup = async () => {};
  if (engine === 'postgres') {
    if (!adminUrl) throw new Error('set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to run on PostgreSQL');
    const created = await createPostgresDatabase(adminUrl, 'ari_bench');
    target = { engine: 'postgres', url: created.url };
    cleanup = created.drop;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ari-bench-usage-'));
    target = { engine: 'pglite', dataDir: dir };
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const database = await openDatabase(target);
  try {
    await applyMigrations(database, target);
    console.log(`${engine}: loading ${conversations * CALLS_PER_CONVERSATION} ai_usage rows…`);
    const { loadSeconds } = await seed(database);
    // In service every usage row is its own transaction and autovacuum keeps the small rollup
    // tables compact (HOT updates); a bulk load of 50,000 rows per statement cannot, so
    // compact them once, as steady state would be.
    for (const table of ['ai_usage_rollup', 'ai_usage_conversation_rollup'])
      await database.query(`vacuum full ${table}`);
    await database.query('analyze');
    const [counts] = await database.query<{ rollup: string; conversation_rollup: string }>(
      'select (select count(*) from ai_usage_rollup)::text as rollup, (select count(*) from ai_usage_conversation_rollup)::text as conversation_rollup',
    );
    const { rollup, conversation_rollup } = counts!;
    const today = localDate('Asia/Jakarta');
    const daysAgo = (n: number) => localDate('Asia/Jakarta', new Date(Date.now() - n * 86_400_000));
    const ranges = { '30 days': { from: daysAgo(29), to: today }, '90 days': { from: daysAgo(90), to: today } };
    const lines: Array<{ report: string; range: string; p50: number; p95: number }> = [];
    for (const [range, { from, to }] of Object.entries(ranges)) {
      for (const groupBy of [undefined, 'type', 'model', 'day', 'conversation'] as const) {
        const t = await time(() => getUsageReport(database.db, { slug: 'bench', from, to, groupBy }));
        lines.push({ report: groupBy ? `by ${groupBy}` : 'totals', range, ...t });
      }
      const t = await time(() => listWorkspacesUsage(database.db, { from, to }));
      lines.push({ report: 'all workspaces', range, ...t });
    }
    const check = await getUsageReport(database.db, { slug: 'bench', from: ranges['90 days'].from, to: today });
    const [exact] = await database.query<{ cost: string; calls: string }>(
      `select sum(cost_usd)::text as cost, count(*)::text as calls from ai_usage where workspace_id = (select id from workspaces where slug = 'bench')`,
    );
    return {
      engine,
      loadSeconds,
      rowsPerSecond: Math.round((conversations * CALLS_PER_CONVERSATION) / loadSeconds),
      rollup,
      conversation_rollup,
      lines,
      totalsMatch: check.totals.costUsd === exact!.cost,
      exact: exact!,
    };
  } finally {
    await database.close();
    if (process.env.BENCH_KEEP_DATABASE === '1') console.log(`kept ${JSON.stringify(target)}`);
    else await cleanup();
  }
}

const results = [];
for (const engine of engines) results.push(await runEngine(engine));
for (const r of results) {
  console.log(
    `\n${r.engine}: ${r.lines.length} reports × ${runs} runs; load ${r.loadSeconds.toFixed(1)} s (${r.rowsPerSecond} rows/s through the rollup trigger); rollup rows ${r.rollup} + ${r.conversation_rollup} per conversation`,
  );
  console.log(
    `  90-day report total equals sum(ai_usage.cost_usd) = ${r.exact.cost} over ${r.exact.calls} rows: ${r.totalsMatch ? 'yes' : 'NO'}`,
  );
  console.log('  | report | range | p50 ms | p95 ms |');
  for (const l of r.lines) console.log(`  | ${l.report} | ${l.range} | ${l.p50.toFixed(1)} | ${l.p95.toFixed(1)} |`);
}
