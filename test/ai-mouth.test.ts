/**
 * The Mouth on real AI SDK provider code against local OpenAI-compatible servers:
 * the reply, the prompt that carried the workspace's settings, one ai_usage row per
 * attempt with its outcome and exact cost, and the chain falling through on
 * timeouts, 5xx, 429 and empty answers — the customer always gets exactly one reply.
 */
import { and, asc, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelChain } from '../src/core/assistant-settings.js';
import { simulateMessage } from '../src/conversations/simulate-message.js';
import { aiUsage, ariConfig, ariMessages } from '../src/db/schema.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { startFakeAnthropic, startFakeLlm, type FakeLlm } from './support/fake-llm.js';
import { startTestService, type TestService } from './support/test-service.js';

describe('the Mouth through model chains', () => {
  let sealion: FakeLlm;
  let grok: FakeLlm;
  let service: TestService;
  let workspaceId: string;

  beforeAll(async () => {
    sealion = await startFakeLlm({
      content: 'Salam kenal kak Budi, mau kuliah ke negara mana?',
      usage: { prompt_tokens: 900, completion_tokens: 30, total_tokens: 930 },
    });
    grok = await startFakeLlm({ content: 'Siap kak, kira-kira mau kuliah ke negara mana?' });
    service = await startTestService({
      ARI_DEBOUNCE_MS: '50',
      SEALION_API_KEY: 'sealion-test-key',
      SEALION_BASE_URL: sealion.baseUrl,
      GROK_API_KEY: 'xai-test-key',
      GROK_BASE_URL: grok.baseUrl,
    });
    workspaceId = (
      await createWorkspace(
        service.ctx.database.db,
        { name: 'Chain Lab', slug: 'chain-lab' },
        {
          greetingTemplate: 'Halo dari Chain Lab, ada yang bisa dibantu?',
          persona: 'Konsultan studi yang hangat dari Chain Lab.',
          // The Brain is tested on its own; here only the Mouth talks to the fake models.
          brainChain: [{ provider: 'rules', model: 'ari-rules-v1', timeoutMs: 1000 }],
        },
      )
    ).id;
  });
  afterAll(async () => {
    await service?.stopAll();
    await Promise.all([sealion?.close(), grok?.close()]);
  });

  const setMouthChain = (chain: ModelChain | null) =>
    service.ctx.database.db.update(ariConfig).set({ mouthChain: chain }).where(eq(ariConfig.workspaceId, workspaceId));
  const say = (from: string, text: string) =>
    simulateMessage(service.ctx, { workspace: 'chain-lab', from, text, timeoutMs: 15_000 });
  const usageOf = (conversationId: string) =>
    service.ctx.database.db
      .select()
      .from(aiUsage)
      .where(
        and(eq(aiUsage.conversationId, conversationId), eq(aiUsage.aiType, 'mouth'), ne(aiUsage.provider, 'rules')),
      )
      .orderBy(asc(aiUsage.createdAt));
  const lastReply = async (conversationId: string) =>
    (
      await service.ctx.database.db
        .select()
        .from(ariMessages)
        .where(and(eq(ariMessages.conversationId, conversationId), eq(ariMessages.direction, 'outbound')))
        .orderBy(asc(ariMessages.createdAt))
    ).at(-1)!;

  it('speaks through SEA-LION by default, with the settings in the prompt, and meters the call', async () => {
    const greeting = await say('+6281700000001', 'Halo');
    expect(greeting.reply).toBe('Halo dari Chain Lab, ada yang bisa dibantu?'); // the workspace's own words
    expect(sealion.requests).toHaveLength(0);

    const reply = await say('+6281700000001', 'Nama saya Budi');
    expect(reply.reply).toBe('Salam kenal kak Budi, mau kuliah ke negara mana?');
    const request = sealion.requests.at(-1)!;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer sealion-test-key');
    expect(request.body.model).toBe('aisingapore/Gemma-SEA-LION-v4-27B-IT');
    const system = request.body.messages[0]!;
    expect(system.role).toBe('system');
    expect(system.content).toContain('Konsultan studi yang hangat dari Chain Lab.');
    expect(system.content).toContain('Kakak berencana kuliah ke negara mana?');
    expect(system.content).toContain('Name: Budi');
    expect(request.body.messages.at(-1)).toEqual({ role: 'user', content: 'Nama saya Budi' });

    const conversationId = reply.conversation.conversation.id;
    expect((await lastReply(conversationId)).model).toBe('aisingapore/Gemma-SEA-LION-v4-27B-IT');
    const rows = await usageOf(conversationId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      provider: 'sealion',
      outcome: 'ok',
      inputTokens: 900,
      outputTokens: 30,
      costUsd: '0.000000000000',
    });
  });

  it('prices a Grok call with cached and reasoning tokens to the last decimal', async () => {
    await setMouthChain([{ provider: 'grok', model: 'grok-4-1-fast-reasoning', timeoutMs: 5000 }]);
    grok.script({
      content: 'Baik kak Sari, mau kuliah ke negara mana?',
      usage: {
        prompt_tokens: 1000,
        completion_tokens: 50,
        total_tokens: 1150,
        prompt_tokens_details: { cached_tokens: 200 },
        completion_tokens_details: { reasoning_tokens: 100 },
      },
    });
    await say('+6281700000002', 'Halo');
    const reply = await say('+6281700000002', 'Nama saya Sari');
    expect(reply.reply).toBe('Baik kak Sari, mau kuliah ke negara mana?');
    const [row] = await usageOf(reply.conversation.conversation.id);
    expect(row).toMatchObject({
      provider: 'grok',
      model: 'grok-4-1-fast-reasoning',
      inputTokens: 1000,
      cachedInputTokens: 200,
      outputTokens: 150,
      reasoningTokens: 100,
      costUsd: '0.000245000000',
      outcome: 'ok',
    });
  });

  it.each([
    ['times out', { delayMs: 3000 }, 'timeout'],
    ['answers 500', { status: 500 }, 'error'],
    ['answers 429', { status: 429, headers: { 'retry-after': '5' } }, 'rate_limited'],
    ['answers nothing', { content: '   ' }, 'invalid_output'],
  ] as const)(
    'falls through to the next link when the first %s, metering each attempt once',
    async (_what, failure, outcome) => {
      // Fresh model id per case: the provider's cool-down is per endpoint and model.
      const model = `sealion-${outcome}`;
      await setMouthChain([
        { provider: 'sealion', model, timeoutMs: 400 },
        { provider: 'grok', model: 'grok-4-1-fast-non-reasoning', timeoutMs: 5000 },
      ]);
      const phone = `+62817000001${['timeout', 'error', 'rate_limited', 'invalid_output'].indexOf(outcome)}`;
      await say(phone, 'Halo');
      sealion.script(failure);
      grok.script({ content: 'Oke kak Dewi, rencananya kuliah ke negara mana?' });
      const reply = await say(phone, 'Nama saya Dewi');
      expect(reply.reply).toBe('Oke kak Dewi, rencananya kuliah ke negara mana?');
      const outbound = reply.conversation.messages.filter((m) => m.direction === 'outbound');
      expect(outbound).toHaveLength(2); // greeting + exactly one reply
      const rows = await usageOf(reply.conversation.conversation.id);
      expect(rows.map((r) => [r.provider, r.outcome])).toEqual([
        ['sealion', outcome],
        ['grok', 'ok'],
      ]);
    },
  );

  it('speaks through Anthropic and prices cache reads and writes as Anthropic counts them', async () => {
    const anthropic = await startFakeAnthropic({
      text: 'Halo kak Wati, rencananya mau kuliah ke negara mana?',
      usage: {
        input_tokens: 300,
        cache_creation_input_tokens: 1000,
        cache_read_input_tokens: 2000,
        output_tokens: 400,
      },
    });
    const claude = await startTestService({
      ARI_DEBOUNCE_MS: '50',
      ANTHROPIC_API_KEY: 'sk-ant-test',
      ANTHROPIC_BASE_URL: anthropic.baseUrl,
    });
    try {
      const ws = await createWorkspace(
        claude.ctx.database.db,
        { name: 'Claude Lab', slug: 'claude-lab' },
        { greetingTemplate: 'Halo, ada yang bisa dibantu?' },
      );
      await claude.ctx.database.db
        .update(ariConfig)
        .set({ mouthChain: [{ provider: 'anthropic', model: 'claude-haiku-4-5', timeoutMs: 5000 }] })
        .where(eq(ariConfig.workspaceId, ws.id));
      await simulateMessage(claude.ctx, {
        workspace: 'claude-lab',
        from: '+6281700000030',
        text: 'Halo',
        timeoutMs: 10_000,
      });
      const reply = await simulateMessage(claude.ctx, {
        workspace: 'claude-lab',
        from: '+6281700000030',
        text: 'Nama saya Wati',
        timeoutMs: 10_000,
      });
      expect(reply.reply).toBe('Halo kak Wati, rencananya mau kuliah ke negara mana?');
      expect(anthropic.requests[0]!.path).toBe('/v1/messages');
      expect(anthropic.requests[0]!.headers['x-api-key']).toBe('sk-ant-test');
      const [row] = await claude.ctx.database.db
        .select()
        .from(aiUsage)
        .where(and(eq(aiUsage.conversationId, reply.conversation.conversation.id), eq(aiUsage.provider, 'anthropic')));
      // 300 × 1.00 + 1000 × 1.25 + 2000 × 0.10 + 400 × 5.00 per million
      expect(row).toMatchObject({
        model: 'claude-haiku-4-5',
        inputTokens: 3300,
        cachedInputTokens: 2000,
        outputTokens: 400,
        costUsd: '0.003750000000',
        outcome: 'ok',
      });
    } finally {
      await claude.stopAll();
      await anthropic.close();
    }
  });

  it('answers with the rules engine when every model fails, and skips a provider that keeps failing', async () => {
    const failing = { provider: 'sealion' as const, model: 'sealion-down', timeoutMs: 2000 };
    await setMouthChain([failing, { provider: 'grok', model: 'grok-down', timeoutMs: 2000 }]);
    const requestsBefore = sealion.requests.length;
    for (const [phone, name] of [
      ['+6281700000021', 'Joko'],
      ['+6281700000022', 'Jaka'],
      ['+6281700000023', 'Juki'],
    ] as const) {
      await say(phone, 'Halo');
      sealion.script({ status: 503 });
      grok.script({ status: 503 });
      const reply = await say(phone, `Nama saya ${name}`);
      // The customer still gets exactly one reply: the rules engine's.
      expect(reply.reply).toMatch(new RegExp(`kak ${name}\\. Kakak berencana kuliah ke negara mana\\?$`));
      expect((await usageOf(reply.conversation.conversation.id)).map((r) => r.outcome)).toEqual(['error', 'error']);
    }
    expect(sealion.requests.length - requestsBefore).toBe(3);
    // Three failures in a row: SEA-LION (this model) now cools down and is not called.
    grok.script({ content: 'Baik kak Tono, mau kuliah ke negara mana?' });
    await setMouthChain([failing, { provider: 'grok', model: 'grok-4-1-fast-non-reasoning', timeoutMs: 2000 }]);
    await say('+6281700000024', 'Halo');
    const reply = await say('+6281700000024', 'Nama saya Tono');
    expect(reply.reply).toBe('Baik kak Tono, mau kuliah ke negara mana?');
    expect(sealion.requests.length - requestsBefore).toBe(3);
    expect((await usageOf(reply.conversation.conversation.id)).map((r) => [r.provider, r.outcome])).toEqual([
      ['grok', 'ok'],
    ]);
  });
});
