/**
 * A customer still writing moves the conversation's waiting reply job to the end of the new
 * debounce window, in the transaction that stores the message: the job runs once, when the
 * customer has gone quiet, and its one reply answers the whole burst (no run that finds the
 * burst still going and queues itself again).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveSandboxMessage } from '../src/channels/sandbox/receive-sandbox-message.js';
import { ingestChannelEvents } from '../src/conversations/ingest-channel-events.js';
import { ariMessages } from '../src/db/schema.js';
import { createWorkspace } from '../src/workspaces/create-workspace.js';
import { ENGINES } from './support/test-database.js';
import { eventually, startTestService, type TestService } from './support/test-service.js';
import { waitForIdleQueues } from './support/wait-for-idle-queues.js';

// Far above the gap between the burst's two messages, even on a loaded CI machine.
const DEBOUNCE_MS = 3000;

describe.each(ENGINES)('a burst moves its waiting reply job on %s', (engine) => {
  let service: TestService;
  let workspaceId: string;

  beforeAll(async () => {
    service = await startTestService({ ARI_DEBOUNCE_MS: String(DEBOUNCE_MS) }, engine);
    workspaceId = (await createWorkspace(service.ctx.database.db, { name: 'Burst', slug: 'burst' })).id;
  });
  afterAll(async () => service?.stopAll());

  const say = (text: string) =>
    receiveSandboxMessage((events) => ingestChannelEvents(service.ctx, events), workspaceId, {
      from: '+6281355550001',
      text,
    });
  /** Every reply job the conversation ever had (finished ones stay in the table for hours). */
  const replyJobs = (conversationId: string) =>
    service.ctx.database.query<{ id: string; state: string; start_after: string }>(
      `select id, state, start_after::text from pgboss.job where name = 'reply' and singleton_key = $1`,
      [conversationId],
    );

  it('one job, postponed by the second message, runs once and answers both', async () => {
    const first = await say('Halo kak');
    const conversationId = first.conversationId!;
    const [queued] = await replyJobs(conversationId);
    expect(queued).toMatchObject({ state: 'created' });

    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await say('mau tanya kuliah di Australia');
    const afterSecond = await replyJobs(conversationId);
    expect(afterSecond).toHaveLength(1);
    expect(afterSecond[0]!.id).toBe(queued!.id);
    const movedBy = Date.parse(afterSecond[0]!.start_after) - Date.parse(queued!.start_after);
    expect(movedBy).toBeGreaterThanOrEqual(250);

    const [reply] = await eventually(
      async () => {
        const rows = await service.ctx.database.db
          .select({ metadata: ariMessages.metadata })
          .from(ariMessages)
          .where(and(eq(ariMessages.conversationId, conversationId), eq(ariMessages.direction, 'outbound')));
        return rows.length > 0 ? rows : undefined;
      },
      DEBOUNCE_MS + 10_000,
      'the reply',
    );
    expect((reply!.metadata as { answers: string[] }).answers).toEqual([first.messageId, second.messageId]);
    await waitForIdleQueues(service.ctx.database);
    // The job that was queued is the one that ran; none was queued again.
    expect((await replyJobs(conversationId)).map((job) => job.id)).toEqual([queued!.id]);
  });
});
