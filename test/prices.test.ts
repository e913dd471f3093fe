/**
 * Price upkeep without a release: ARI_PRICES_FILE changes what new calls cost and
 * records which entry priced each row; rows already recorded keep theirs. A model
 * with no known price is metered with its tokens, flagged unpriced, reported as
 * such, and `ari doctor` warns about it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateMessage } from '../src/conversations/simulate-message.js';
import { aiUsage, ariConfig } from '../src/db/schema.js';
import { runDoctor } from '../src/doctor/run-doctor.js';
import { getUsageReport } from '../src/usage/get-usage-report.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { aroundNow } from './support/date-range.js';
import { startFakeLlm, type FakeLlm } from './support/fake-llm.js';
import { freshDataDir } from './support/test-database.js';
import { startTestService, type TestService } from './support/test-service.js';

const CHAIN = (model: string) => [
  { provider: 'grok' as const, model, timeoutMs: 10_000 },
  { provider: 'rules' as const, model: 'ari-rules-v1', timeoutMs: 1000 },
];

describe('prices', () => {
  let grok: FakeLlm;
  let service: TestService | undefined;
  const dataDir = freshDataDir();
  const pricesFile = path.join(dataDir, 'prices.json');
  const env = () => ({
    ARI_DATA_DIR: dataDir,
    GROK_API_KEY: 'xai-test',
    GROK_BASE_URL: grok.baseUrl,
    ARI_DEBOUNCE_MS: '50',
  });

  beforeAll(async () => {
    grok = await startFakeLlm({
      content: 'Baik kak, mau kuliah ke negara mana?',
      usage: { prompt_tokens: 1000, completion_tokens: 100, total_tokens: 1100 },
    });
  });
  afterAll(async () => {
    await service?.stopAll();
    await grok?.close();
  });

  const mouthRows = async (s: TestService) =>
    await s.ctx.database.db.select().from(aiUsage).where(eq(aiUsage.provider, 'grok')).orderBy(asc(aiUsage.createdAt));

  it('an override file prices new calls only; each row names the entry that priced it', async () => {
    service = await startTestService(env());
    const { db } = service.ctx.database;
    await createWorkspace(
      db,
      { name: 'Price Lab', slug: 'price-lab' },
      { mouthChain: CHAIN('grok-4-1-fast-non-reasoning'), brainChain: [CHAIN('x')[1]!] },
    );
    await simulateMessage(service.ctx, { workspace: 'price-lab', from: '+6281500000001', text: 'Halo' });
    await simulateMessage(service.ctx, { workspace: 'price-lab', from: '+6281500000001', text: 'Nama saya Sari' });
    const [before] = await mouthRows(service);
    // 1000 in × 0.20 + 100 out × 0.50 per million.
    expect(before).toMatchObject({
      costUsd: '0.000250000000',
      priceEntry: 'xai/grok-4-1-fast@2025-11-19',
      unpriced: false,
    });
    await service.close();

    fs.writeFileSync(
      pricesFile,
      JSON.stringify([
        {
          id: 'ops/grok-4-1-fast@2026-01-01',
          provider: 'grok',
          model: 'grok-4-1-fast-*',
          effectiveFrom: '2026-01-01',
          source: 'our xAI invoice',
          perMillion: { input: '1.00', output: '2.00' },
        },
      ]),
    );
    service = await startTestService({ ...env(), ARI_PRICES_FILE: pricesFile });
    await simulateMessage(service.ctx, { workspace: 'price-lab', from: '+6281500000001', text: 'Mau ke Australia' });
    const [old, fresh] = await mouthRows(service);
    expect(old).toEqual(before); // history is not rewritten
    expect(fresh).toMatchObject({
      costUsd: '0.001200000000',
      priceEntry: 'ops/grok-4-1-fast@2026-01-01',
      unpriced: false,
    });
    // ai_usage rows are history: the database refuses to change them.
    await expect(
      service.ctx.database.db.update(aiUsage).set({ costUsd: '0' }).where(eq(aiUsage.id, old!.id)),
    ).rejects.toThrow();
    const report = await getUsageReport(service.ctx.database.db, { slug: 'price-lab', ...aroundNow() });
    expect(report.totals.costUsd).toBe('0.001450000000');
  });

  it('a model without a price keeps its tokens, is flagged unpriced, reported, and ari doctor warns', async () => {
    const { db } = service!.ctx.database;
    await db.update(ariConfig).set({ mouthChain: CHAIN('grok-9-preview') });
    await simulateMessage(service!.ctx, { workspace: 'price-lab', from: '+6281500000002', text: 'Halo' });
    await simulateMessage(service!.ctx, { workspace: 'price-lab', from: '+6281500000002', text: 'Nama saya Dodi' });
    const unpriced = (await mouthRows(service!)).filter((r) => r.model === 'grok-9-preview');
    expect(unpriced).toHaveLength(1);
    expect(unpriced[0]).toMatchObject({
      inputTokens: 1000,
      outputTokens: 100,
      costUsd: '0.000000000000',
      unpriced: true,
      priceEntry: null,
    });

    const report = await getUsageReport(db, { slug: 'price-lab', ...aroundNow() });
    expect(report.totals.unpricedCalls).toBe(1);
    expect(report.unpricedModels).toEqual([{ provider: 'grok', model: 'grok-9-preview', calls: 1 }]);

    const doctor = await runDoctor(service!.ctx, { workspace: 'price-lab' });
    const warnings = doctor.checks.filter((c) => c.status === 'warn').map((c) => `${c.name}: ${c.detail}`);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^assistant\.mouth_prices: no known price for grok\/grok-9-preview/),
        expect.stringMatching(/^usage\.unpriced: .*grok\/grok-9-preview ×1/),
      ]),
    );
  });

  it('a bad price file stops the start with the entry and the reason', async () => {
    const bad = path.join(dataDir, 'bad-prices.json');
    fs.writeFileSync(
      bad,
      JSON.stringify([
        {
          id: 'x',
          provider: 'grok',
          model: 'grok-x',
          effectiveFrom: '2026-01-01',
          source: 's',
          perMillion: { input: 'cheap', output: '1' },
        },
      ]),
    );
    await expect(startTestService({ ARI_PRICES_FILE: bad })).rejects.toThrow(
      /ARI_PRICES_FILE .*bad-prices\.json: entry 0\.perMillion\.input: a rate is a decimal string/,
    );
    fs.writeFileSync(bad, '{ not json');
    await expect(startTestService({ ARI_PRICES_FILE: bad })).rejects.toThrow(/ARI_PRICES_FILE .*bad-prices\.json: /);
    await expect(startTestService({ ARI_PRICES_FILE: path.join(dataDir, 'missing.json') })).rejects.toThrow(/ENOENT/);
  });
});
