/**
 * The outbox: an outbound message is a `pending` row in ari_messages plus a `send`
 * job, committed together in the caller's transaction. The send job delivers it.
 */
import { eq, sql } from 'drizzle-orm';
import type { TemplateMessage } from '../channels/channel-sender.js';
import type { MessageRole } from '../core/vocabulary.js';
import type { AriTransaction } from '../db/open-database.js';
import { ariConversations, ariMessages } from '../db/schema.js';
import { QUEUES } from '../jobs/queue-names.js';
import type { ServiceContext } from '../context/service-context.js';
import { TEMPLATE_MESSAGE_TYPE, templateMetadata } from './stored-template.js';

export interface SendJobData {
  workspaceId: string;
  messageId: string;
  /** 1 for the first try; retries after 429/5xx/network errors count up. */
  attempt: number;
}

export interface OutboundMessageInput {
  workspaceId: string;
  conversationId: string;
  role: Extract<MessageRole, 'assistant' | 'human' | 'system'>;
  /** The text, or for a template the filled text the inbox shows. */
  content: string;
  /** An approved template instead of free text (allowed outside the 24-hour window). */
  template?: TemplateMessage;
  model?: string | null;
  responseTimeMs?: number | null;
  metadata?: Record<string, unknown>;
}

export async function queueOutboundMessage(
  ctx: ServiceContext,
  tx: AriTransaction,
  input: OutboundMessageInput,
  /** The caller sets the conversation's last_message_at in its own update (one statement less). */
  options: { conversationUpdatedByCaller?: boolean } = {},
): Promise<string> {
  const [message] = await tx
    .insert(ariMessages)
    .values({
      workspaceId: input.workspaceId,
      conversationId: input.conversationId,
      role: input.role,
      direction: 'outbound',
      content: input.content,
      type: input.template ? TEMPLATE_MESSAGE_TYPE : 'text',
      status: 'pending',
      model: input.model ?? null,
      responseTimeMs: input.responseTimeMs ?? null,
      metadata: { ...input.metadata, ...(input.template ? templateMetadata(input.template) : {}) },
    })
    .returning({ id: ariMessages.id });
  if (!options.conversationUpdatedByCaller)
    await tx
      .update(ariConversations)
      .set({ lastMessageAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(ariConversations.id, input.conversationId));
  const data: SendJobData = { workspaceId: input.workspaceId, messageId: message!.id, attempt: 1 };
  await ctx.jobs.send(QUEUES.send, data, {}, tx);
  return message!.id;
}
