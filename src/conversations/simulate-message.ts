/**
 * `ari simulate`: a customer message through the sandbox channel, then the reply
 * it got — the whole pipeline (ingest, debounce, reply job, outbox, send) runs.
 */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { receiveSandboxMessage } from '../channels/sandbox/receive-sandbox-message.js';
import { parseInput } from '../core/parse-input.js';
import { UserError } from '../core/user-error.js';
import { aiUsage, ariMessages } from '../db/schema.js';
import type { ServiceContext } from '../context/service-context.js';
import { getWorkspaceBySlug } from '../workspaces/get-workspace-by-slug.js';
import { slugSchema } from '../workspaces/workspace-input.js';
import { getConversation } from './get-conversation.js';
import { ingestChannelEvents } from './ingest-channel-events.js';

export const simulateInput = z.object({
  workspace: slugSchema,
  from: z.string().trim().min(3),
  text: z.string().trim().min(1, 'the message must not be empty'),
  name: z.string().trim().optional(),
  timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
});

export async function simulateMessage(ctx: ServiceContext, input: z.input<typeof simulateInput>) {
  const values = parseInput(simulateInput, input);
  const workspace = await getWorkspaceBySlug(ctx.database.db, values.workspace);
  const received = await receiveSandboxMessage((events) => ingestChannelEvents(ctx, events), workspace.id, {
    from: values.from,
    text: values.text,
    name: values.name,
  });
  const conversationId = received.conversationId!;
  const deadline = Date.now() + values.timeoutMs + ctx.config.debounceMs;
  let reply: { content: string; status: string; error: string | null } | undefined;
  while (Date.now() < deadline) {
    // Read "answered, nothing in flight" BEFORE looking for the reply: the reply commits with
    // the answered mark, so a reply that exists then is found by the read that follows.
    const answered = await ctx.database.db
      .select({ answeredAt: ariMessages.answeredAt })
      .from(ariMessages)
      .where(eq(ariMessages.id, received.messageId!));
    const settled = Boolean(answered[0]?.answeredAt) && !(await hasPendingReply(ctx, conversationId));
    [reply] = await ctx.database.db
      .select({ content: ariMessages.content, status: ariMessages.status, error: ariMessages.error })
      .from(ariMessages)
      .where(
        and(
          eq(ariMessages.conversationId, conversationId),
          eq(ariMessages.direction, 'outbound'),
          sql`${ariMessages.metadata}->'answers' ? ${received.messageId}`,
          sql`${ariMessages.status} not in ('pending', 'sending')`,
        ),
      )
      .limit(1);
    if (reply) break;
    // Answered without a reply of the assistant's: skipped (disabled, human mode).
    if (settled) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!reply && Date.now() >= deadline) throw new UserError(`no reply within ${values.timeoutMs} ms`, 'unavailable');
  const conversation = await getConversation(ctx.database.db, workspace.id, conversationId);
  return {
    messageId: received.messageId!,
    reply: reply?.content ?? null,
    status: reply?.status ?? 'no_reply',
    error: reply?.error ?? null,
    conversation,
  };
}

async function hasPendingReply(ctx: ServiceContext, conversationId: string): Promise<boolean> {
  const rows = await ctx.database.db
    .select({ id: ariMessages.id })
    .from(ariMessages)
    .where(
      and(
        eq(ariMessages.conversationId, conversationId),
        eq(ariMessages.direction, 'outbound'),
        sql`${ariMessages.status} in ('pending', 'sending')`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export const simulateScriptInput = z.object({
  workspace: slugSchema,
  from: z.string().trim().min(3),
  name: z.string().trim().optional(),
  messages: z.array(z.string().trim().min(1)).min(1, 'the script has no messages').max(200),
  timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
});

/**
 * `ari simulate --script`: a whole conversation, one customer message after the
 * other, each waiting for its reply; then where the lead ended and what it cost.
 */
export async function simulateScript(ctx: ServiceContext, input: z.input<typeof simulateScriptInput>) {
  const values = parseInput(simulateScriptInput, input);
  const turns: Array<{ customer: string; reply: string | null }> = [];
  let last: Awaited<ReturnType<typeof simulateMessage>> | undefined;
  for (const text of values.messages) {
    last = await simulateMessage(ctx, {
      workspace: values.workspace,
      from: values.from,
      name: values.name,
      text,
      timeoutMs: values.timeoutMs,
    });
    turns.push({ customer: text, reply: last.reply });
  }
  const { conversation, contact } = last!.conversation;
  const [cost] = await ctx.database.db
    .select({ usd: sql<string>`coalesce(sum(${aiUsage.costUsd}), 0)::text`, calls: sql<number>`count(*)::int` })
    .from(aiUsage)
    .where(eq(aiUsage.conversationId, conversation.id));
  return {
    turns,
    final: {
      leadScore: conversation.leadScore,
      leadTemperature: conversation.leadTemperature,
      state: conversation.state,
      mode: conversation.mode,
      nextAction: conversation.nextAction,
      handoffReason: conversation.handoffReason,
      facts: (contact.metadata as { facts?: unknown }).facts ?? null,
      aiCalls: cost?.calls ?? 0,
      costUsd: cost?.usd ?? '0',
    },
  };
}
