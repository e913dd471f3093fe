/**
 * The Brain on real AI SDK code against a local OpenAI-compatible server: a
 * validated structured answer whose points ARI clamps and sums itself (the model's
 * own "score" and "hot" are ignored), one retry of an unusable answer before the
 * rules Brain decides, and the schedule that keeps it from running every message.
 */
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateMessage } from '../src/conversations/simulate-message.js';
import { aiUsage } from '../src/db/schema.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { startFakeLlm, type FakeLlm } from './support/fake-llm.js';
import { startTestService, type TestService } from './support/test-service.js';

const calm = {
  points: { basic_info: 8, qualification: 5, documents: 0, engagement: 3 },
  facts: {},
  state: 'qualifying',
  next_action: 'continue_bot',
  reasoning: 'early conversation',
};

describe('the Brain through a model', () => {
  let grok: FakeLlm;
  let service: TestService;

  beforeAll(async () => {
    grok = await startFakeLlm({
      content: JSON.stringify(calm),
      usage: { prompt_tokens: 2000, completion_tokens: 120, total_tokens: 2120 },
    });
    service = await startTestService({
      ARI_DEBOUNCE_MS: '50',
      GROK_API_KEY: 'xai-test',
      GROK_BASE_URL: grok.baseUrl,
      ARI_BRAIN_EVERY: '3',
    });
    await createWorkspace(
      service.ctx.database.db,
      { name: 'Brain Lab', slug: 'brain-lab' },
      {
        greetingTemplate: 'Halo dari Brain Lab, ada yang bisa dibantu?',
        mouthChain: [{ provider: 'rules', model: 'ari-rules-v1', timeoutMs: 1000 }],
      },
    );
  });
  afterAll(async () => {
    await service?.stopAll();
    await grok?.close();
  });

  const say = (from: string, text: string) =>
    simulateMessage(service.ctx, { workspace: 'brain-lab', from, text, timeoutMs: 15_000 });
  const brainRows = (conversationId: string) =>
    service.ctx.database.db
      .select()
      .from(aiUsage)
      .where(and(eq(aiUsage.conversationId, conversationId), eq(aiUsage.aiType, 'brain')))
      .orderBy(asc(aiUsage.createdAt));

  it('takes the points, not the verdict: ARI clamps, sums and applies the thresholds', async () => {
    grok.script({
      content: JSON.stringify({
        points: { basic_info: 99, qualification: 30, documents: 30, engagement: 10 },
        facts: { destination: 'Australia', education_level: 'master' },
        state: 'scheduling',
        next_action: 'continue_bot',
        reasoning: 'ready to apply',
        lead_score: 12,
        temperature: 'cold',
      }),
      usage: {
        prompt_tokens: 2000,
        completion_tokens: 120,
        total_tokens: 2120,
        prompt_tokens_details: { cached_tokens: 1000 },
      },
    });
    const first = await say('+6281800000001', 'Halo, saya mau kuliah S2 di Australia tahun depan');
    const conversation = first.conversation.conversation;
    // 25 (99 clamped) + 30 + 30 + 10 = 95 → hot, whatever the model called it.
    expect(conversation).toMatchObject({
      leadScore: 95,
      leadTemperature: 'hot',
      nextAction: 'offer_consultation',
      mode: 'human',
    });
    expect(first.reply).toContain('Mau kami jadwalkan konsultasi gratis dengan tim kami?');
    const [row] = await brainRows(conversation.id);
    // 1000 × 0.20 + 1000 cached × 0.05 + 120 × 0.50 per million
    expect(row).toMatchObject({
      provider: 'grok',
      model: 'grok-4-1-fast-reasoning',
      outcome: 'ok',
      inputTokens: 2000,
      cachedInputTokens: 1000,
      outputTokens: 120,
      costUsd: '0.000310000000',
    });
    const request = grok.requests.at(-1)!;
    expect(request.body.messages[0]!.content).toContain('basic_info (max 25)');
    // The schema goes to the provider, which enforces it (xAI json_schema).
    expect(request.body).toMatchObject({
      response_format: { type: 'json_schema', json_schema: { name: 'lead_assessment' } },
    });
  });

  it('asks once more after an unparsable answer, then lets the rules Brain decide; one reply either way', async () => {
    grok.script({ content: 'I think this lead is hot!' }, { content: '{"points": "lots"}' });
    const result = await say('+6281800000002', 'Halo kak');
    const rows = await brainRows(result.conversation.conversation.id);
    expect(rows.map((r) => [r.provider, r.outcome])).toEqual([
      ['grok', 'invalid_output'],
      ['grok', 'invalid_output'],
      ['rules', 'ok'],
    ]);
    expect(result.reply).toBe('Halo dari Brain Lab, ada yang bisa dibantu?');
    expect(result.conversation.messages.filter((m) => m.direction === 'outbound')).toHaveLength(1);
    expect(result.conversation.conversation.leadTemperature).toBe('cold');
  });

  it('runs on the first turn, then every 3 customer messages, and at once on a strong signal', async () => {
    const phone = '+6281800000003';
    const script = [
      'Halo',
      'Nama saya Rudi',
      'Ke Jepang',
      'S1',
      'Budget 200 juta',
      'Paspor sudah ada',
      'Tahun depan',
      'Belum tes',
      'oke',
    ];
    const modelRuns: number[] = [];
    for (const [i, text] of script.entries()) {
      const before = grok.requests.length;
      await say(phone, text);
      if (grok.requests.length > before) modelRuns.push(i + 1);
    }
    // First turn; 4 (3 after 1); 6 (documents: at once); 9 (3 after 6).
    expect(modelRuns).toEqual([1, 4, 6, 9]);
    expect(modelRuns.length / script.length).toBeLessThanOrEqual(0.5);
  });
});
