/**
 * The `reply` job: answers every unanswered customer message of one conversation
 * with ONE reply, once the burst has gone quiet for the debounce window.
 *
 * Exactly once, and only if still wanted: the reply row, the "answered" marks on
 * the messages it answers, and its send job commit in one transaction that first
 * locks the conversation and re-reads what the turn was composed for — the exact
 * unanswered messages, AI mode, assistant enabled. A retried job finds them
 * answered and does nothing; a takeover or a switched-off assistant meanwhile
 * means no reply; a message that came in mid-turn gets its own turn, which answers
 * the whole burst.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { DEFAULT_MODELS } from '../assistant-config/default-chains.js';
import { senderForChannel } from '../outbox/sender-for-channel.js';
import type { ModelChain } from '../core/assistant-settings.js';
import { prepareTurn } from '../assistant/prepare-turn.js';
import { recordTurn } from '../assistant/record-turn.js';
import { settleTurnState } from '../assistant/settle-turn-state.js';
import { assessLead } from '../assistant/assess-lead.js';
import type { BrainOutput } from '../assistant/lead/brain-output.js';
import { isBrainDue } from '../assistant/brain-schedule.js';
import { phraseReply } from '../assistant/phrase-reply.js';
import { rulesTurn } from '../assistant/rules/rules-turn.js';
import { planBooking, takeBookingStep } from '../booking/chat/booking-turn.js';
import type { MediaRef } from '../core/media-ref.js';
import type { ConversationState } from '../core/vocabulary.js';
import type { AriTransaction } from '../db/open-database.js';
import { runTogether } from '../db/run-together.js';
import { selectRows } from '../db/select-rows.js';
import { ariConfig, ariConversations, ariMessages, contacts, workspaces } from '../db/schema.js';
import { QUEUES } from '../jobs/queue-names.js';
import { queueOutboundMessage } from '../outbox/queue-outbound-message.js';
import type { ServiceContext } from '../context/service-context.js';
import { isWindowOpen } from '../channels/customer-service-window.js';
import { burstMessages } from './burst-messages.js';
import { contactTurnCountsColumn, isContactOverTurnLimit } from './contact-turn-limit.js';
import { enqueueReply, type ReplyJobData } from './enqueue-reply.js';
import { replyJobExpirySeconds } from './reply-job-expiry.js';

const BUDGET_HANDOFF_REASON = 'the AI budget is used up';
const RULES_ONLY: ModelChain = [{ provider: 'rules', model: DEFAULT_MODELS.rules, timeoutMs: 1000 }];

export type ReplyOutcome = 'replied' | 'nothing_to_answer' | 'waiting' | 'skipped';

export async function replyToConversation(ctx: ServiceContext, job: ReplyJobData): Promise<ReplyOutcome> {
  const { db } = ctx.database;
  const [row] = await db
    .select({
      conversation: ariConversations,
      assistant: ariConfig,
      workspace: workspaces,
      unanswered: unansweredColumn(job),
      turns: contactTurnCountsColumn({ id: job.conversationId, workspaceId: job.workspaceId }),
    })
    .from(ariConversations)
    .innerJoin(workspaces, eq(workspaces.id, ariConversations.workspaceId))
    .leftJoin(ariConfig, eq(ariConfig.workspaceId, ariConversations.workspaceId))
    .where(and(eq(ariConversations.id, job.conversationId), eq(ariConversations.workspaceId, job.workspaceId)))
    .limit(1);
  if (!row) return 'nothing_to_answer';
  const { conversation, assistant, workspace } = row;
  const unanswered = (row.unanswered ?? []).map((m) => ({ ...m, createdAt: new Date(m.createdAt) }));
  if (unanswered.length === 0) return 'nothing_to_answer';

  // Debounce: wait until the customer has been quiet for the window. (The ingest moves a waiting
  // job along; this catches a message that came while the job was being fetched.)
  const newest = unanswered.at(-1)!.createdAt;
  const dueAt = new Date(newest.getTime() + ctx.config.debounceMs);
  if (dueAt.getTime() > Date.now()) {
    await enqueueReply(ctx, job, undefined, dueAt, replyJobExpirySeconds(ctx.config, assistant));
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
  // Over the contact's AI turn limits, this turn is the rules engine's (both Mouth and Brain).
  const turnAssistant = isContactOverTurnLimit(ctx.config, row.turns)
    ? { ...assistant!, mouthChain: RULES_ONLY, brainChain: RULES_ONLY }
    : assistant!;
  const burst = await burstMessages(ctx, { workspace, conversation, unanswered });
  const { input, memory, history, playbookProblem, lastReplyMetadata } = await prepareTurn(
    db,
    conversation,
    workspace,
    assistant!,
    burst,
    new Date(),
  );
  if (playbookProblem)
    ctx.logger.error(
      { workspaceId: workspace.id, problem: playbookProblem },
      "the workspace's playbook is invalid: this turn follows the built-in playbook",
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
      assistant: turnAssistant,
      playbook: input.playbook,
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
  // Offering, reading the pick, booking, moving, cancelling: fixed lines, no model call.
  const { planned: booking, carried } = await planBooking(db, {
    workspaceId: workspace.id,
    contactId: conversation.contactId,
    input,
    turn,
    lastReplyMetadata,
  });
  let reply = booking
    ? { text: turn.reply.text, model: DEFAULT_MODELS.rules, provider: 'rules', budgetHandoff: false }
    : await phraseReply(ctx, {
        turn,
        assistant: turnAssistant,
        playbook: input.playbook,
        workspace,
        conversationId: conversation.id,
        history,
        lastCustomerText: input.burst.at(-1)?.text ?? '',
      });
  if (reply.budgetHandoff) {
    turn = rulesTurn({ ...input, assessment, forceHandoff: BUDGET_HANDOFF_REASON });
    reply = { ...reply, text: turn.reply.text };
  }
  // Messages found in Kapso's history after an outage: the one reply opens with an apology.
  const apology = unanswered.some((m) => m.recovered) ? assistant!.lateReplyApology[turn.language]?.trim() : '';
  const withApology = (text: string) => (apology ? `${apology}\n\n${text}` : text);

  const answered = unanswered.map((m) => m.id);
  const committed = await db
    .transaction(async (tx): Promise<'replied'> => {
      const lockedState = await claimTurn(tx, conversation, answered);
      // The booking commits with the reply that tells of it, or neither does; a retried job stops above.
      let bookingMetadata: Record<string, unknown> = carried;
      let stateSet = false;
      if (booking) {
        const step = await takeBookingStep(ctx, tx, booking, {
          workspaceId: workspace.id,
          contactId: conversation.contactId,
          conversationId: conversation.id,
          input,
          assessment,
          turn,
          lastReplyMetadata,
          lockedState,
        });
        turn = step.turn;
        reply = { ...reply, text: turn.reply.text };
        bookingMetadata = step.metadata;
        stateSet = step.stateSet;
      }
      // Staff may have booked or cancelled while the turn was written: the state follows what the lock holds.
      if (!stateSet) turn = { ...turn, state: settleTurnState(turn.state, input.state, lockedState) };
      // The reply with its send job, and what the turn leaves on the contact and conversation:
      // independent of each other, so sent together — on PGlite, hops to its thread fewer while
      // this transaction holds the one connection every webhook's commit waits for. Their order
      // does not matter: the rows both write (contact, conversation) are locked by the claim.
      await runTogether(ctx.database.engine, [
        () =>
          queueOutboundMessage(
            ctx,
            tx,
            {
              workspaceId: conversation.workspaceId,
              conversationId: conversation.id,
              role: 'assistant',
              content: withApology(reply.text),
              model: reply.model,
              responseTimeMs: Date.now() - started,
              metadata: {
                answers: answered,
                asked: turn.reply.asked,
                kind: turn.reply.kind,
                language: turn.language,
                ...bookingMetadata,
              },
            },
            { conversationUpdatedByCaller: true },
          ),
        // Also the conversation's last_message_at, for the message just queued.
        () =>
          recordTurn(ctx, tx, {
            conversation,
            workspace,
            memory: brainRan ? { ...memory, brainAt: input.userMessageCount } : memory,
            turn,
            // A model that spoke or judged was metered by its chain already.
            rulesSpoke: reply.provider === 'rules',
            rulesJudged: !brainRan,
            latencyMs: Date.now() - started,
          }),
      ]);
      return 'replied';
    })
    .catch((error: unknown) => {
      if (error instanceof StaleTurn) return error.reason;
      throw error;
    });
  if (committed !== 'replied') {
    // Nothing of this turn is kept (its model calls stay metered: they were made and paid).
    ctx.logger.info({ conversationId: conversation.id, reason: committed }, 'reply dropped: no longer wanted');
    if (committed === 'new messages') {
      // The customer wrote again meanwhile: one turn answers everything (usually already queued by the ingest).
      await enqueueReply(ctx, job, undefined, new Date(), replyJobExpirySeconds(ctx.config, assistant));
      return 'nothing_to_answer';
    }
    return 'skipped';
  }
  ctx.jobs.wake(QUEUES.send);
  ctx.events.publish(conversation.workspaceId, { type: 'conversation.changed', conversationId: conversation.id });
  ctx.events.publish(conversation.workspaceId, { type: 'usage.changed' });
  return 'replied';
}

type StaleReason = 'new messages' | 'human mode' | 'assistant disabled' | 'conversation gone';

/** Ends the reply's transaction with nothing written: the turn is no longer wanted. */
class StaleTurn extends Error {
  constructor(readonly reason: StaleReason) {
    super(`reply no longer wanted: ${reason}`);
  }
}

/**
 * Claims the turn's messages, now that its reply is written, or throws StaleTurn (the
 * transaction then rolls back). Returns the conversation's state under the lock: staff may
 * have booked or cancelled meanwhile.
 *
 * Two statements, because a webhook's commit on PGlite's one connection waits for this
 * whole transaction. First the locks, in the order every writer takes them: the contact
 * (recordTurn writes it; an ingest locks contact then conversation — the other way round
 * each would hold what the other waits for, a deadlock on PostgreSQL), the conversation
 * (a takeover, a human reply and a new message's ingest all write it, so they wait for this
 * commit or it waits for theirs), and the assistant's settings FOR SHARE (switching it off
 * waits for this reply, or this reply sees it off). Then the marks: exactly the unanswered
 * messages the turn read are marked answered — a retried job, a human reply or a message
 * that came in mid-turn makes the set differ, and the turn is dropped.
 */
async function claimTurn(
  tx: AriTransaction,
  conversation: { id: string; workspaceId: string },
  answered: string[],
): Promise<ConversationState> {
  // FOR UPDATE / FOR SHARE OF lock in the order listed: contacts, ari_conversations, ari_config.
  const [current] = await selectRows<{ mode: string; state: ConversationState; enabled: boolean }>(
    tx,
    sql`
    select v.mode, v.state, a.enabled
      from ${contacts} c
      join ${ariConversations} v on v.contact_id = c.id
      join ${ariConfig} a on a.workspace_id = v.workspace_id
     where v.id = ${conversation.id} and v.workspace_id = ${conversation.workspaceId}
       for update of c, v
       for share of a`,
  );
  if (!current) throw new StaleTurn('conversation gone');
  if (current.mode !== 'ai') throw new StaleTurn('human mode');
  if (!current.enabled) throw new StaleTurn('assistant disabled');
  const marked = await tx
    .update(ariMessages)
    .set({ answeredAt: sql`now()` })
    .where(
      and(
        eq(ariMessages.conversationId, conversation.id),
        eq(ariMessages.direction, 'inbound'),
        isNull(ariMessages.answeredAt),
      ),
    )
    .returning({ id: ariMessages.id });
  const same = marked.length === answered.length && marked.every((m) => answered.includes(m.id));
  if (!same) throw new StaleTurn('new messages');
  return current.state;
}

/**
 * The conversation's unanswered customer messages, oldest first, as a JSON column of the
 * job's first read: one statement for the conversation, its settings and its burst.
 */
function unansweredColumn(job: ReplyJobData) {
  return sql<Array<{
    id: string;
    content: string;
    media: MediaRef | null;
    metadata: Record<string, unknown>;
    createdAt: string;
    providerMessageId: string | null;
    recovered: boolean;
  }> | null>`(
    select json_agg(json_build_object(
             'id', m.id, 'content', m.content, 'media', m.media, 'metadata', m.metadata, 'createdAt', m.created_at,
             'providerMessageId', m.provider_message_id, 'recovered', m.recovered) order by m.created_at)
      from ${ariMessages} m
     where m.workspace_id = ${job.workspaceId} and m.conversation_id = ${job.conversationId}
       and m.direction = 'inbound' and m.answered_at is null)`;
}

async function markAnswered(ctx: ServiceContext, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await ctx.database.db.update(ariMessages).set({ answeredAt: sql`now()` }).where(inArray(ariMessages.id, ids));
}
