/**
 * Budgets that hold: a paid call reserves its worst case atomically in the
 * database before it is made, so 50 calls started at once against a budget that
 * fits 10 make at most 10 — on PGlite and on PostgreSQL (a pool of connections) —
 * the rest fall through as ari_config says, alerts fire once per level, and the
 * usage report shows it all.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { generateText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runModelChain } from '../src/ai/run-model-chain.js';
import { setBudget } from '../src/budgets/set-budget.js';
import { simulateMessage } from '../src/conversations/simulate-message.js';
import { aiBudgetAlerts, aiBudgetHolds, aiUsage, ariConfig, ariConversations } from '../src/db/schema.js';
import { getUsageReport } from '../src/usage/get-usage-report.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { aroundNow } from './support/date-range.js';
import { startFakeLlm, type FakeLlm } from './support/fake-llm.js';
import { ENGINES } from './support/test-database.js';
import { eventually, startTestService, type TestService } from './support/test-service.js';

const PAID_CHAIN = [
  { provider: 'grok' as const, model: 'grok-4-1-fast-non-reasoning', timeoutMs: 15_000 },
  { provider: 'rules' as const, model: 'ari-rules-v1', timeoutMs: 1000 },
];
// grok-4-1-fast: 0.20 in, 0.50 out per million. A call estimated at 1000 prompt tokens
// with a 200-token cap costs at most 0.0002 + 0.0001 = 0.0003 USD, and the fake answers
// with exactly those tokens, so each call made costs its worst case.
const WORST_CASE_USD = '0.000300000000';

async function startNotifyCatcher() {
  const notices: Array<{ type: string; data: Record<string, unknown> }> = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      notices.push(JSON.parse(raw));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    notices,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(ENGINES)('AI budgets on %s', (engine) => {
  let grok: FakeLlm;
  let service: TestService;
  let notify: Awaited<ReturnType<typeof startNotifyCatcher>>;

  beforeAll(async () => {
    grok = await startFakeLlm({
      content: 'Baik kak.',
      delayMs: 400,
      usage: { prompt_tokens: 1000, completion_tokens: 200, total_tokens: 1200 },
    });
    notify = await startNotifyCatcher();
    service = await startTestService(
      {
        GROK_API_KEY: 'xai-test',
        GROK_BASE_URL: grok.baseUrl,
        ARI_NOTIFY_WEBHOOK_URL: notify.url,
        ARI_DEBOUNCE_MS: '50',
      },
      engine,
    );
  });
  afterAll(async () => {
    await service?.stopAll();
    await Promise.all([grok?.close(), notify?.close()]);
  });

  /** One AI call down the paid chain, through the real budget, SDK and HTTP code. */
  const paidCall = (workspaceId: string, aiType: 'mouth' | 'brain') =>
    runModelChain(service.ctx, {
      chain: PAID_CHAIN,
      aiType,
      workspaceId,
      conversationId: null,
      estimatedInputTokens: 1000,
      maxOutputTokens: 200,
      async call(model, signal) {
        const result = await generateText({
          model,
          prompt: 'Halo',
          abortSignal: signal,
          maxRetries: 0,
          maxOutputTokens: 200,
        });
        return { value: result.text, usage: result.usage };
      },
    });

  it('50 paid calls at once against a budget that fits 10: 10 are made, 40 fall through to rules, nothing overspent', async () => {
    const { db } = service.ctx.database;
    const workspace = await createWorkspace(
      db,
      { name: 'Budget Lab', slug: `budget-lab-${engine}` },
      { mouthChain: PAID_CHAIN },
    );
    await setBudget(db, { slug: workspace.slug, monthlyUsd: 0.003, whenExhausted: 'rules' });
    const before = grok.requests.length;

    const results = await Promise.all(Array.from({ length: 50 }, () => paidCall(workspace.id, 'mouth')));

    expect(grok.requests.length - before).toBe(10);
    expect(results.filter((r) => r.kind === 'answered')).toHaveLength(10);
    expect(results.filter((r) => r.kind === 'rules')).toHaveLength(40);

    const rows = await db.select().from(aiUsage).where(eq(aiUsage.workspaceId, workspace.id));
    expect(rows.filter((r) => r.outcome === 'ok')).toHaveLength(10);
    expect(rows.filter((r) => r.outcome === 'skipped_budget')).toHaveLength(40);
    expect(
      rows
        .filter((r) => r.outcome === 'ok')
        .every((r) => r.costUsd === WORST_CASE_USD && r.priceEntry === 'xai/grok-4-1-fast@2025-11-19'),
    ).toBe(true);
    expect(await db.select().from(aiBudgetHolds).where(eq(aiBudgetHolds.workspaceId, workspace.id))).toEqual([]);

    const report = await getUsageReport(db, { slug: workspace.slug, groupBy: 'type', ...aroundNow() });
    expect(report.totals).toMatchObject({
      calls: 10,
      skippedByBudget: 40,
      failedCalls: 0,
      inputTokens: 10_000,
      outputTokens: 2000,
      costUsd: '0.003000000000',
    });
    expect(report.budgets).toEqual([
      expect.objectContaining({
        period: 'month',
        limitUsd: '0.0030',
        spentUsd: '0.003000000000',
        percent: 100,
        alerts: [50, 80, 100],
      }),
    ]);

    // Each alert level once, however many calls crossed or hit it.
    const alerts = await db.select().from(aiBudgetAlerts).where(eq(aiBudgetAlerts.workspaceId, workspace.id));
    expect(alerts.map((a) => a.percent).sort((a, b) => a - b)).toEqual([50, 80, 100]);
    const alertsSent = () =>
      notify.notices.filter(
        (n) => n.type === 'budget.alert' && (n.data.workspace as { slug: string }).slug === workspace.slug,
      );
    await eventually(() => alertsSent().length >= 3, 15_000, 'three budget alerts at the notify webhook');
    expect(
      alertsSent()
        .map((n) => n.data.percent)
        .sort(),
    ).toEqual([100, 50, 80]);
  });

  it('the call that reaches an alert level raises it, counting its own cost', async () => {
    const { db } = service.ctx.database;
    const workspace = await createWorkspace(
      db,
      { name: 'Alert Lab', slug: `alert-lab-${engine}` },
      { mouthChain: PAID_CHAIN },
    );
    // Ten calls' worth: the fourth brings spend to 40 %, the fifth to 50 %.
    await setBudget(db, { slug: workspace.slug, monthlyUsd: 0.003, whenExhausted: 'rules' });
    const levels = async () =>
      (await db.select().from(aiBudgetAlerts).where(eq(aiBudgetAlerts.workspaceId, workspace.id))).map(
        (a) => a.percent,
      );
    for (let n = 0; n < 4; n++) expect((await paidCall(workspace.id, 'mouth')).kind).toBe('answered');
    expect(await levels()).toEqual([]);
    expect((await paidCall(workspace.id, 'mouth')).kind).toBe('answered');
    expect(await levels()).toEqual([50]);
  });

  it('a daily limit holds on its own, and a raised budget lets calls through again', async () => {
    const { db } = service.ctx.database;
    const workspace = await createWorkspace(
      db,
      { name: 'Daily Lab', slug: `daily-lab-${engine}` },
      { mouthChain: PAID_CHAIN },
    );
    await setBudget(db, { slug: workspace.slug, monthlyUsd: 100, dailyUsd: 0.0006 });
    const call = () => paidCall(workspace.id, 'brain');
    const first = await Promise.all([call(), call(), call()]);
    expect(first.map((r) => r.kind).sort()).toEqual(['answered', 'answered', 'rules']);
    await setBudget(db, { slug: workspace.slug, dailyUsd: null });
    expect((await call()).kind).toBe('answered');
    const report = await getUsageReport(db, { slug: workspace.slug, ...aroundNow() });
    expect(report.totals).toMatchObject({ calls: 3, skippedByBudget: 1, costUsd: '0.000900000000' });
  });

  it('with "handoff" configured, a call that does not fit hands the conversation to a human instead', async () => {
    const { db } = service.ctx.database;
    const workspace = await createWorkspace(
      db,
      { name: 'Handoff Lab', slug: `handoff-lab-${engine}` },
      { mouthChain: PAID_CHAIN, brainChain: [PAID_CHAIN[1]!] },
    );
    await setBudget(db, { slug: workspace.slug, monthlyUsd: 0, whenExhausted: 'handoff' });
    const before = grok.requests.length;
    await simulateMessage(service.ctx, {
      workspace: workspace.slug,
      from: '+6281300000077',
      text: 'Halo',
      timeoutMs: 15_000,
    });
    const turn = await simulateMessage(service.ctx, {
      workspace: workspace.slug,
      from: '+6281300000077',
      text: 'Nama saya Rina',
      timeoutMs: 15_000,
    });

    expect(turn.reply).toBe('Baik kak, saya sambungkan dengan tim kami ya, mohon ditunggu sebentar.');
    expect(grok.requests.length).toBe(before);
    const [conversation] = await db
      .select()
      .from(ariConversations)
      .where(eq(ariConversations.workspaceId, workspace.id));
    expect(conversation).toMatchObject({ mode: 'human', state: 'handoff', handoffReason: 'the AI budget is used up' });
    const skipped = await db
      .select()
      .from(aiUsage)
      .where(and(eq(aiUsage.workspaceId, workspace.id), eq(aiUsage.outcome, 'skipped_budget')));
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ provider: 'grok', aiType: 'mouth', inputTokens: 0, costUsd: '0.000000000000' });
    const [config] = await db.select().from(ariConfig).where(eq(ariConfig.workspaceId, workspace.id));
    expect(config!.budgetExhaustedAction).toBe('handoff');
  });

  it('refuses a bad budget with a clear error and changes nothing', async () => {
    const { db } = service.ctx.database;
    const workspace = await createWorkspace(db, { name: 'Strict Lab', slug: `strict-lab-${engine}` });
    await setBudget(db, { slug: workspace.slug, monthlyUsd: 25 });
    for (const [input, message] of [
      [{ monthlyUsd: -1 }, 'a budget cannot be negative'],
      [{ monthlyUsd: 'lots' }, 'a budget is an amount in USD'],
      [{ dailyUsd: 1.23456 }, 'a budget has at most 4 decimals'],
      [{ whenExhausted: 'panic' }, 'when exhausted: rules or handoff'],
      [{}, 'nothing to change'],
      [{ monthly_usd: 5 }, 'Unrecognized key: "monthly_usd"'],
    ] as const) {
      await expect(setBudget(db, { slug: workspace.slug, ...(input as object) })).rejects.toThrow(message);
    }
    const [config] = await db.select().from(ariConfig).where(eq(ariConfig.workspaceId, workspace.id));
    expect(config).toMatchObject({ budgetMonthlyUsd: '25.0000', budgetDailyUsd: null, budgetExhaustedAction: 'rules' });
  });
});
