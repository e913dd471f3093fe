/**
 * Per-contact AI turn limits: one customer cannot make ARI call paid models
 * without end. Past the limit the free rules engine answers — and no request
 * reaches the model server — while other customers still get the model.
 */
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateMessage } from '../src/conversations/simulate-message.js';
import { ariMessages } from '../src/db/schema.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { startFakeLlm, type FakeLlm } from './support/fake-llm.js';
import { ENGINES } from './support/test-database.js';
import { startTestService, type TestService } from './support/test-service.js';

const MODEL_TEXT = 'Siap kak, dari model ya. Ada lagi?';

// Each limit on its own: two paid turns allowed per minute (the day's limit far off), or per day.
const LIMITS = [
  { limit: 'per-minute', perMinute: '2', perDay: '100' },
  { limit: 'per-day', perMinute: '100', perDay: '2' },
];

describe.each(ENGINES.flatMap((engine) => LIMITS.map((limits) => ({ engine, ...limits }))))(
  'per-contact AI turn limits on $engine, $limit',
  ({ engine, limit, perMinute, perDay }) => {
    let grok: FakeLlm;
    let service: TestService;

    beforeAll(async () => {
      grok = await startFakeLlm({ content: MODEL_TEXT });
      service = await startTestService(
        {
          ARI_DEBOUNCE_MS: '50',
          GROK_API_KEY: 'xai-test-key',
          GROK_BASE_URL: grok.baseUrl,
          ARI_CONTACT_AI_TURNS_PER_MINUTE: perMinute,
          ARI_CONTACT_AI_TURNS_PER_DAY: perDay,
        },
        engine,
      );
      await createWorkspace(
        service.ctx.database.db,
        { name: 'Limit Lab', slug: 'limit-lab' },
        {
          greetingTemplate: 'Halo dari Limit Lab, ada yang bisa dibantu?',
          mouthChain: [{ provider: 'grok', model: 'grok-4-1-fast-non-reasoning', timeoutMs: 5000 }],
          brainChain: [{ provider: 'rules', model: 'ari-rules-v1', timeoutMs: 1000 }],
        },
      );
    });
    afterAll(async () => {
      await service?.stopAll();
      await grok?.close();
    });

    const say = (from: string, text: string) =>
      simulateMessage(service.ctx, { workspace: 'limit-lab', from, text, timeoutMs: 15_000 });

    it(`answers the turn past the ${limit} limit with the rules engine, without a model request`, async () => {
      await say('+6281900000001', 'Halo'); // the greeting: the workspace's own words, no model
      const first = await say('+6281900000001', 'Nama saya Budi');
      const second = await say('+6281900000001', 'Saya mau kuliah ke Australia');
      expect([first.reply, second.reply]).toEqual([MODEL_TEXT, MODEL_TEXT]);
      const requestsBefore = grok.requests.length;
      expect(requestsBefore).toBe(2);

      const third = await say('+6281900000001', 'Saya lulusan SMA');
      expect(third.reply).not.toBe(MODEL_TEXT);
      expect(grok.requests).toHaveLength(requestsBefore);
      const conversationId = third.conversation.conversation.id;
      const replies = await service.ctx.database.db
        .select({ model: ariMessages.model, metadata: ariMessages.metadata })
        .from(ariMessages)
        .where(and(eq(ariMessages.conversationId, conversationId), eq(ariMessages.direction, 'outbound')))
        .orderBy(asc(ariMessages.createdAt));
      const last = replies.at(-1)!;
      expect(last.model).toBe('ari-rules-v1');
      // A reply the model would have phrased (a question), so the limit is what kept the model out.
      expect((last.metadata as { kind: string }).kind).toBe('question');

      // The limit is per contact: another customer still gets the model.
      await say('+6281900000002', 'Halo');
      const other = await say('+6281900000002', 'Nama saya Citra');
      expect(other.reply).toBe(MODEL_TEXT);
      expect(grok.requests).toHaveLength(requestsBefore + 1);
    });
  },
);
