/**
 * Usage reports from `ari usage --json` and GET /api/v1/.../usage are the same
 * numbers, on PGlite and PostgreSQL: totals equal the sum of the ai_usage rows to
 * the last digit, days are the workspace's local days, cost per conversation and
 * per hot lead are exact, and every scope sees only what it may.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../src/db/migrations.js';
import { openDatabase, type Database, type DatabaseTarget } from '../src/db/open-database.js';
import type { AiOutcome, AiType } from '../src/core/vocabulary.js';
import { aiUsage, ariConversations, contacts } from '../src/db/schema.js';
import { createApiKey } from '../src/api-keys/create-api-key.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { ariEnv, runAri, startAri, type RunningAri } from './support/run-ari.js';
import { runAriInProcess } from './support/run-ari-in-process.js';
import { createPostgresDatabase, ENGINES, freshDataDir } from './support/test-database.js';

const ADMIN = 'admin-usage-token';

/** Rows around Jakarta's (UTC+7) midnights: 2026-11-10T17:30Z is 00:30 on the 11th there. */
const ROWS = [
  {
    at: '2026-11-09T03:00:00Z',
    conv: 0,
    provider: 'grok',
    model: 'grok-4-1-fast-non-reasoning',
    aiType: 'mouth',
    input: 1200,
    cached: 200,
    output: 40,
    reasoning: 0,
    cost: '0.000230000000',
  },
  {
    at: '2026-11-10T16:59:00Z',
    conv: 0,
    provider: 'grok',
    model: 'grok-4-1-fast-reasoning',
    aiType: 'brain',
    input: 3000,
    cached: 0,
    output: 300,
    reasoning: 250,
    cost: '0.000750000000',
  },
  {
    at: '2026-11-10T17:30:00Z',
    conv: 1,
    provider: 'sealion',
    model: 'aisingapore/Gemma-SEA-LION-v4-27B-IT',
    aiType: 'mouth',
    input: 900,
    cached: 0,
    output: 30,
    reasoning: 0,
    cost: '0.000000000000',
  },
  {
    at: '2026-11-11T02:00:00Z',
    conv: 1,
    provider: 'anthropic',
    model: 'claude-haiku-4-5',
    aiType: 'brain',
    input: 2500,
    cached: 1000,
    output: 200,
    reasoning: 0,
    cost: '0.002100000000',
  },
  {
    at: '2026-11-12T09:00:00Z',
    conv: 2,
    provider: 'grok',
    model: 'grok-4-1-fast-non-reasoning',
    aiType: 'mouth',
    input: 1000,
    cached: 0,
    output: 40,
    reasoning: 0,
    cost: '0.000220000000',
    outcome: 'timeout',
  },
  {
    at: '2026-11-12T09:00:01Z',
    conv: 2,
    provider: 'grok',
    model: 'grok-9-preview',
    aiType: 'mouth',
    input: 1000,
    cached: 0,
    output: 40,
    reasoning: 0,
    cost: '0.000000000000',
    unpriced: true,
  },
  {
    at: '2026-11-13T10:00:00Z',
    conv: 2,
    provider: 'grok',
    model: 'grok-4-1-fast-non-reasoning',
    aiType: 'mouth',
    input: 0,
    cached: 0,
    output: 0,
    reasoning: 0,
    cost: '0.000000000000',
    outcome: 'skipped_budget',
  },
  // Outside the reported range (the 30th of November, Jakarta time).
  {
    at: '2026-11-29T18:00:00Z',
    conv: 0,
    provider: 'grok',
    model: 'grok-4-1-fast-non-reasoning',
    aiType: 'mouth',
    input: 1000,
    cached: 0,
    output: 40,
    reasoning: 0,
    cost: '0.000220000000',
  },
] as const;

async function seed(database: Database): Promise<{ token: string; otherToken: string }> {
  const { db } = database;
  const workspace = await createWorkspace(db, { name: 'Eagle Overseas', slug: 'eagle', timezone: 'Asia/Jakarta' });
  const other = await createWorkspace(db, { name: 'Other Agency', slug: 'other', timezone: 'Asia/Jayapura' });
  const people = await db
    .insert(contacts)
    .values([
      { workspaceId: workspace.id, phone: '+6281200000001', name: 'Budi', leadScore: 85, leadStatus: 'hot' },
      { workspaceId: workspace.id, phone: '+6281200000002', name: 'Sari', leadScore: 50, leadStatus: 'warm' },
      {
        workspaceId: workspace.id,
        phone: '+6281200000003',
        name: 'Dodi, "the tall one"',
        leadScore: 75,
        leadStatus: 'hot',
      },
    ])
    .returning();
  const conversations = await db
    .insert(ariConversations)
    .values(people.map((p) => ({ workspaceId: workspace.id, contactId: p.id })))
    .returning();
  await db.insert(aiUsage).values(
    ROWS.map((r) => ({
      workspaceId: workspace.id,
      conversationId: conversations[r.conv]!.id,
      provider: r.provider,
      model: r.model,
      aiType: r.aiType as AiType,
      inputTokens: r.input,
      cachedInputTokens: r.cached,
      outputTokens: r.output,
      reasoningTokens: r.reasoning,
      costUsd: r.cost,
      outcome: ('outcome' in r ? r.outcome : 'ok') as AiOutcome,
      unpriced: 'unpriced' in r,
      createdAt: new Date(r.at),
    })),
  );
  await db.insert(aiUsage).values({
    workspaceId: other.id,
    provider: 'grok',
    model: 'grok-4-1-fast-non-reasoning',
    aiType: 'mouth',
    inputTokens: 10,
    outputTokens: 1,
    costUsd: '0.000002500000',
    createdAt: new Date('2026-11-12T01:00:00Z'),
  });
  return {
    token: (await createApiKey(db, { workspace: 'eagle', name: 'console', role: 'manager' })).key,
    otherToken: (await createApiKey(db, { workspace: 'other', name: 'console', role: 'manager' })).key,
  };
}

describe.each(ENGINES)('usage reports on %s', (engine) => {
  let ari: RunningAri;
  let env: NodeJS.ProcessEnv;
  let tokens: { token: string; otherToken: string };
  let dropPostgres: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    let target: DatabaseTarget;
    if (engine === 'pglite') {
      const dataDir = freshDataDir();
      target = { engine: 'pglite', dataDir: path.join(dataDir, 'pglite') };
      env = ariEnv({ ARI_DATA_DIR: dataDir, ARI_ADMIN_TOKEN: ADMIN, ARI_DEMO: '0' });
    } else {
      const pg = await createPostgresDatabase();
      dropPostgres = pg.drop;
      target = { engine: 'postgres', url: pg.url };
      env = ariEnv({ DATABASE_URL: pg.url, ARI_ADMIN_TOKEN: ADMIN, ARI_DEMO: '0' });
    }
    const database = await openDatabase(target);
    await applyMigrations(database, target);
    tokens = await seed(database);
    await database.close();
    ari = await startAri(env);
  });
  afterAll(async () => {
    await ari?.stop();
    await dropPostgres?.();
  });

  const api = async (pathAndQuery: string, token = ADMIN) => {
    const response = await fetch(`${ari.url}/api/v1${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const cli = async (...args: string[]) => {
    const result = await runAriInProcess(['usage', ...args], env);
    return { ...result, json: result.code === 0 && args.includes('--json') ? JSON.parse(result.stdout) : null };
  };
  const RANGE = { from: '2026-11-01', to: '2026-11-20' };

  it('the CLI and the API agree, for the totals and for every grouping', async () => {
    for (const group of [null, 'type', 'model', 'day', 'conversation'] as const) {
      const query = `?from=${RANGE.from}&to=${RANGE.to}${group ? `&groupBy=${group}` : ''}`;
      const fromApi = await api(`/workspaces/eagle/usage${query}`);
      const fromCli = await cli(
        '--workspace',
        'eagle',
        '--from',
        RANGE.from,
        '--to',
        RANGE.to,
        ...(group ? ['--by', group] : []),
        '--json',
      );
      expect(fromApi.status).toBe(200);
      expect(fromCli.code, fromCli.stderr).toBe(0);
      expect(fromCli.json).toEqual(fromApi.body);
    }
    const all = await api(`/usage?from=${RANGE.from}&to=${RANGE.to}`);
    const allCli = await cli('--from', RANGE.from, '--to', RANGE.to, '--json');
    expect(allCli.json).toEqual(all.body);
    expect(all.body.workspaces.map((w: { workspace: { slug: string } }) => w.workspace.slug)).toEqual([
      'eagle',
      'other',
    ]);
    expect(all.body.totalCostUsd).toBe('0.003302500000');
  });

  it('totals are the rows to the last digit; days are Jakarta days; per conversation and per hot lead are exact', async () => {
    const { body } = await api(`/workspaces/eagle/usage?from=${RANGE.from}&to=${RANGE.to}&groupBy=day`);
    expect(body.totals).toEqual({
      calls: 6,
      failedCalls: 1,
      skippedByBudget: 1,
      unpricedCalls: 1,
      inputTokens: 9600,
      cachedInputTokens: 1200,
      outputTokens: 650,
      reasoningTokens: 250,
      costUsd: '0.003300000000',
    });
    expect(
      body.groups.map((g: { key: string; calls: number; costUsd: string }) => [g.key, g.calls, g.costUsd]),
    ).toEqual([
      ['2026-11-09', 1, '0.000230000000'],
      ['2026-11-10', 1, '0.000750000000'], // 16:59 UTC is 23:59 in Jakarta
      ['2026-11-11', 2, '0.002100000000'], // 17:30 UTC on the 10th is 00:30 on the 11th
      ['2026-11-12', 2, '0.000220000000'],
      ['2026-11-13', 0, '0.000000000000'], // only a call the budget skipped
    ]);
    expect(body).toMatchObject({
      conversations: 3,
      costPerConversationUsd: '0.001100000000',
      hotLeads: 2,
      costPerHotLeadUsd: '0.001650000000',
      unpricedModels: [{ provider: 'grok', model: 'grok-9-preview', calls: 1 }],
    });
    const byConversation = await api(
      `/workspaces/eagle/usage?from=${RANGE.from}&to=${RANGE.to}&groupBy=conversation&limit=2`,
    );
    expect(
      byConversation.body.groups.map((g: { contact: { name: string }; costUsd: string }) => [
        g.contact.name,
        g.costUsd,
      ]),
    ).toEqual([
      ['Sari', '0.002100000000'],
      ['Budi', '0.000980000000'],
    ]);
    expect(byConversation.body.moreGroups).toBe(1);
    const byModel = await api(`/workspaces/eagle/usage?from=${RANGE.from}&to=${RANGE.to}&groupBy=model`);
    expect(byModel.body.groups.find((g: { key: string }) => g.key === 'anthropic/claude-haiku-4-5')).toMatchObject({
      calls: 1,
      cachedInputTokens: 1000,
      costUsd: '0.002100000000',
    });
  });

  it('prints a readable report and CSV that spreadsheets read', async () => {
    const text = await cli('--workspace', 'eagle', '--from', RANGE.from, '--to', RANGE.to, '--by', 'type');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^cost\s+0\.003300000000 USD$/m);
    expect(text.stdout).toMatch(/per hot lead\s+0\.001650000000 USD over 2/);
    expect(text.stdout).toMatch(/WARN {2}grok\/grok-9-preview has no price/);
    expect(text.stdout).toMatch(/^brain\s+2\s+0\s+0\s+0\s+5500\s+1000\s+500\s+250\s+0\.002850000000$/m);
    const csv = await cli(
      '--workspace',
      'eagle',
      '--from',
      RANGE.from,
      '--to',
      RANGE.to,
      '--by',
      'conversation',
      '--csv',
    );
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'conversation,name,phone,lead,calls,failed,skipped_budget,unpriced,input_tokens,cached_tokens,output_tokens,reasoning_tokens,cost_usd',
    );
    expect(
      lines.some((l) => l.includes(',"Dodi, ""the tall one""",+6281200000003,hot,2,1,1,1,2000,0,80,0,0.000220000000')),
    ).toBe(true);
  });

  it('refuses bad input with a clear error, and keeps each scope to its own data', async () => {
    expect((await api('/workspaces/eagle/usage?from=2026-13-01')).body.error).toMatch(
      /from must be a date, YYYY-MM-DD/,
    );
    expect((await api('/workspaces/eagle/usage?from=2026-11-20&to=2026-11-01')).body.error).toMatch(
      /to must not be before from/,
    );
    expect((await api('/workspaces/eagle/usage?groupBy=week')).body.error).toMatch(
      /group by one of: type, model, day, conversation/,
    );
    // One casing for the API: an unknown (e.g. snake_case) parameter is refused, not silently dropped.
    const snake = await api('/workspaces/eagle/usage?group_by=day');
    expect(snake.status).toBe(400);
    expect(snake.body.error).toMatch(/unrecognized key.*group_by/i);
    const bad = await cli('--workspace', 'eagle', '--from', 'yesterday', '--json');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/from must be a date, YYYY-MM-DD/);

    expect((await api(`/workspaces/eagle/usage?from=${RANGE.from}`, tokens.token)).status).toBe(200);
    expect((await api(`/workspaces/eagle/usage?from=${RANGE.from}`, tokens.otherToken)).status).toBe(404);
    expect((await api('/usage', tokens.token)).status).toBe(403);
    const own = await api(`/workspaces/other/usage?from=${RANGE.from}&to=${RANGE.to}`, tokens.otherToken);
    expect(own.body.totals.costUsd).toBe('0.000002500000');
    expect(own.body.workspace.timezone).toBe('Asia/Jayapura');
  });

  it('regroups the days when the workspace moves to another time zone', async () => {
    const moved = await runAri(['workspace', 'update', 'other', '--timezone', 'America/Los_Angeles'], env);
    expect(moved.code, moved.stderr).toBe(0);
    // 2026-11-12T01:00Z is the 11th in Los Angeles.
    const { body } = await api(`/workspaces/other/usage?from=${RANGE.from}&to=${RANGE.to}&groupBy=day`);
    expect(body.groups.map((g: { key: string }) => g.key)).toEqual(['2026-11-11']);
    expect(body.totals.costUsd).toBe('0.000002500000');
  });

  it('serves Prometheus metrics to the admin token only', async () => {
    expect((await fetch(`${ari.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${ari.url}/metrics`, { headers: { authorization: `Bearer ${tokens.token}` } })).status).toBe(
      401,
    );
    const response = await fetch(`${ari.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    for (const name of [
      'ari_ai_calls_total',
      'ari_ai_tokens_total',
      'ari_ai_cost_usd_total',
      'ari_ai_call_duration_seconds',
      'ari_webhook_deliveries_total',
      'ari_jobs_total',
    ]) {
      expect(text).toContain(`# TYPE ${name}`);
    }
  });
});
