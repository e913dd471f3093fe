/**
 * The `reply` job: answers every unanswered customer message of one conversation
 * with ONE reply, once the burst has gone quiet for the debounce window.
 *
 * Exactly once: the reply row, the "answered" marks on the messages it answers,
 * and its send job commit in one transaction that first re-reads (and locks) the
 * unanswered messages. A retried job finds them answered and does nothing; of two
 * overlapping turns of one conversation (a message came in mid-turn) only the one
 * that saw every unanswered message commits.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { senderForChannel } from '../channels/sender-for-channel.js';
import { prepareTurn } from '../assistant/prepare-turn.js';
import { recordTurn } from '../assistant/record-turn.js';
import { assessLead } from '../assistant/assess-lead.js';
import type { BrainOutput } from '../assistant/brain-output.js';
import { isBrainDue } from '../assistant/brain-schedule.js';
import { phraseReply } from '../assistant/phrase-reply.js';
import { rulesTurn } from '../assistant/rules/rules-turn.js';
import { ariConfig, ariConversations, ariMessages, workspaces } from '../db/schema.js';
import { QUEUES } from '../jobs/job-queue.js';
import { queueOutboundMessage } from '../outbox/queue-outbound-message.js';
import type { ServiceContext } from '../service/service-context.js';
import { isWindowOpen } from './customer-service-window.js';
import { enqueueReply, type ReplyJobData } from './enqueue-reply.js';

const BUDGET_HANDOFF_REASON = 'the AI budget is used up';

export type ReplyOutcome = 'replied' | 'nothing_to_answer' | 'waiting' | 'skipped';

export async function replyToConversation(ctx: ServiceContext, job: ReplyJobData): Promise<ReplyOutcome> {
  const { db } = ctx.database;
  const [row] = await db
    .select({ conversation: ariConversations, assistant: ariConfig, workspace: workspaces })
    .from(ariConversations)
    .innerJoin(workspaces, eq(workspaces.id, ariConversations.workspaceId))
    .leftJoin(ariConfig, eq(ariConfig.workspaceId, ariConversations.workspaceId))
    .where(and(eq(ariConversations.id, job.conversationId), eq(ariConversations.workspaceId, job.workspaceId)))
    .limit(1);
  if (!row) return 'nothing_to_answer';
  const { conversation, assistant, workspace } = row;

  const unanswered = await unansweredMessages(ctx, job);
  if (unanswered.length === 0) return 'nothing_to_answer';

  // Debounce: wait until the customer has been quiet for the window.
  const newest = unanswered.at(-1)!.createdAt;
  const dueAt = new Date(newest.getTime() + ctx.config.debounceMs);
  if (dueAt.getTime() > Date.now()) {
    await enqueueReply(ctx, job, undefined, dueAt);
    return 'waiting';
  }

  const skip = !assistant?.enabled
    ? 'assistant disabled'
    : conversation.mode === 'human'
      ? 'human mode'
      : !isWindowOpen(conversation.lastInboundAt, new Date())
        ? 'window closed'
        : null;
  if (skip) {
    // Left for the team; handing back to the assistant later starts from new messages.
    await markAnswered(
      ctx,
      unanswered.map((m) => m.id),
    );
    ctx.logger.info({ conversationId: conversation.id, reason: skip }, 'reply skipped');
    return 'skipped';
  }

  // Best effort: read receipts and "typing…" while the reply is prepared.
  const newestProviderId = unanswered.at(-1)!.providerMessageId;
  if (newestProviderId && workspace.kapsoPhoneId) {
    senderForChannel(ctx.config, conversation.channel, workspace)
      .markRead(workspace.kapsoPhoneId, newestProviderId)
      .catch((error: unknown) => ctx.logger.warn({ err: error, conversationId: conversation.id }, 'mark read failed'));
  }

  const started = Date.now();
  const { input, memory, history } = await prepareTurn(
    db,
    conversation,
    workspace,
    assistant!,
    unanswered.map((m) => m.content),
    new Date(),
  );
  let turn = rulesTurn(input);
  let assessment: BrainOutput | undefined;
  let budgetHandoff = false;
  if (
    isBrainDue({
      every: ctx.config.brainEvery,
      userMessageCount: input.userMessageCount,
      lastRunAt: memory.brainAt,
      signals: turn.signals,
    })
  ) {
    const judged = await assessLead(ctx, {
      assistant: assistant!,
      workspace,
      conversationId: conversation.id,
      state: conversation.state,
      facts: turn.facts,
      history,
    });
    if (judged === 'budget_handoff') budgetHandoff = true;
    else if (judged) assessment = judged;
  }
  const brainRan = assessment !== undefined;
  if (assessment || budgetHandoff)
    turn = rulesTurn({ ...input, assessment, ...(budgetHandoff ? { forceHandoff: BUDGET_HANDOFF_REASON } : {}) });
  let reply = await phraseReply(ctx, {
    turn,
    assistant: assistant!,
    workspace,
    conversationId: conversation.id,
    history,
    lastCustomerText: input.burst.at(-1) ?? '',
  });
  if (reply.budgetHandoff) {
    turn = rulesTurn({ ...input, assessment, forceHandoff: BUDGET_HANDOFF_REASON });
    reply = { ...reply, text: turn.reply.text };
  }
  // Messages found in Kapso's history after an outage: the one reply opens with an apology.
  if (unanswered.some((m) => m.recovered)) {
    const apology = assistant!.lateReplyApology[turn.language]?.trim();
    if (apology) reply = { ...reply, text: `${apology}\n\n${reply.text}` };
  }

  const replied = await db.transaction(async (tx) => {
    const locked = await tx
      .select({ id: ariMessages.id })
      .from(ariMessages)
      .where(
        and(
          eq(ariMessages.conversationId, conversation.id),
          eq(ariMessages.direction, 'inbound'),
          isNull(ariMessages.answeredAt),
        ),
      )
      .for('update');
    // Answered meanwhile (a retried job, or a human), or new messages arrived: the next job answers them all.
    if (locked.length !== unanswered.length) return false;
    await tx
      .update(ariMessages)
      .set({ answeredAt: sql`now()` })
      .where(
        inArray(
          ariMessages.id,
          locked.map((m) => m.id),
        ),
      );
    await queueOutboundMessage(ctx, tx, {
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      role: 'assistant',
      content: reply.text,
      model: reply.model,
      responseTimeMs: Date.now() - started,
      metadata: {
        answers: locked.map((m) => m.id),
        asked: turn.reply.asked,
        kind: turn.reply.kind,
        language: turn.language,
      },
    });
    await recordTurn(ctx, tx, {
      conversation,
      workspace,
      memory: brainRan ? { ...memory, brainAt: input.userMessageCount } : memory,
      turn,
      // A model that spoke or judged was metered by its chain already.
      rulesSpoke: reply.provider === 'rules',
      rulesJudged: !brainRan,
      latencyMs: Date.now() - started,
    });
    return true;
  });
  if (!replied) {
    await enqueueReply(ctx, job, undefined, new Date());
    return 'nothing_to_answer';
  }
  ctx.jobs?.wake(QUEUES.send);
  ctx.events.publish(conversation.workspaceId, { type: 'conversation.changed', conversationId: conversation.id });
  ctx.events.publish(conversation.workspaceId, { type: 'usage.changed' });
  return 'replied';
}

function unansweredMessages(ctx: ServiceContext, job: ReplyJobData) {
  return ctx.database.db
    .select({
      id: ariMessages.id,
      content: ariMessages.content,
      createdAt: ariMessages.createdAt,
      providerMessageId: ariMessages.providerMessageId,
      recovered: ariMessages.recovered,
    })
    .from(ariMessages)
    .where(
      and(
        eq(ariMessages.workspaceId, job.workspaceId),
        eq(ariMessages.conversationId, job.conversationId),
        eq(ariMessages.direction, 'inbound'),
        isNull(ariMessages.answeredAt),
      ),
    )
    .orderBy(asc(ariMessages.createdAt));
}

async function markAnswered(ctx: ServiceContext, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await ctx.database.db.update(ariMessages).set({ answeredAt: sql`now()` }).where(inArray(ariMessages.id, ids));
}
