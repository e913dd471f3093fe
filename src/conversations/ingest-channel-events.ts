/**
 * Stores what a webhook delivered, exactly once, in ONE transaction per delivery:
 * contact (E.164), conversation, message (unique provider id: a re-delivery
 * inserts nothing), status changes, and the debounced `reply` job. The webhook
 * answers 200 only after this commits, so nothing acknowledged is lost.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { ChannelEvent, MessageEvent, StatusEvent } from '../channels/channel-event.js';
import { normalizePhone } from '../core/normalize-phone.js';
import type { MessageStatus } from '../core/vocabulary.js';
import type { AriTransaction } from '../db/open-database.js';
import { ariConversations, ariMessages, contacts } from '../db/schema.js';
import { enqueueReply } from './enqueue-reply.js';
import type { ServiceContext } from '../service/service-context.js';

export interface WorkspaceEvent {
  workspaceId: string;
  event: ChannelEvent;
}

export interface IngestSummary {
  stored: number;
  duplicates: number;
  statusUpdates: number;
  repliesQueued: number;
  /** Stored messages, in event order (duplicates excluded). */
  messages: Array<{ messageId: string; conversationId: string }>;
}

export async function ingestChannelEvents(ctx: ServiceContext, events: WorkspaceEvent[]): Promise<IngestSummary> {
  const summary: IngestSummary = { stored: 0, duplicates: 0, statusUpdates: 0, repliesQueued: 0, messages: [] };
  if (events.length === 0) return summary;
  // Normalise before the transaction: a bad number is a 400, not a rollback.
  const prepared = events.map((e) => (e.event.kind === 'message' ? { ...e, phone: normalizePhone(e.event.customerPhone) } : { ...e, phone: null }));
  await ctx.database.db.transaction(async (tx) => {
    const toReply = new Map<string, string>(); // conversation id → workspace id
    for (const { workspaceId, event, phone } of prepared) {
      if (event.kind === 'status') {
        if (await applyStatus(tx, workspaceId, event)) summary.statusUpdates++;
        continue;
      }
      const stored = await storeMessage(tx, workspaceId, event, phone!);
      if (!stored) {
        summary.duplicates++;
        continue;
      }
      summary.stored++;
      summary.messages.push({ messageId: stored.messageId, conversationId: stored.conversationId });
      if (stored.answer) toReply.set(stored.conversationId, workspaceId);
    }
    for (const [conversationId, workspaceId] of toReply) {
      if (await enqueueReply(ctx, { workspaceId, conversationId }, tx)) summary.repliesQueued++;
    }
  });
  return summary;
}

async function storeMessage(
  tx: AriTransaction,
  workspaceId: string,
  event: MessageEvent,
  phone: string,
): Promise<{ messageId: string; conversationId: string; answer: boolean } | null> {
  const [contact] = await tx
    .insert(contacts)
    .values({ workspaceId, phone, name: event.customerName })
    .onConflictDoUpdate({
      target: [contacts.workspaceId, contacts.phone],
      set: { name: sql`coalesce(${contacts.name}, excluded.name)` },
    })
    .returning({ id: contacts.id });

  const [conversation] = await tx
    .insert(ariConversations)
    .values({ workspaceId, contactId: contact!.id, channel: event.channel })
    .onConflictDoUpdate({
      target: [ariConversations.workspaceId, ariConversations.contactId],
      // Replies go out the way the customer last wrote in.
      set: { channel: event.origin === 'customer' ? sql`excluded.channel` : sql`${ariConversations.channel}` },
    })
    .returning({ id: ariConversations.id, mode: ariConversations.mode });

  const fromCustomer = event.origin !== 'business_app';
  const [message] = await tx
    .insert(ariMessages)
    .values({
      workspaceId,
      conversationId: conversation!.id,
      role: fromCustomer ? 'user' : 'human',
      direction: fromCustomer ? 'inbound' : 'outbound',
      content: event.text,
      type: event.type,
      providerMessageId: event.providerMessageId,
      status: fromCustomer ? 'received' : 'sent',
      // History and unanswerable messages (reactions, system notices) never wait for a reply.
      answeredAt: fromCustomer && (event.origin === 'history' || !event.answerable) ? event.sentAt : null,
      metadata: { channel: event.channel, origin: event.origin },
    })
    .onConflictDoNothing({ target: [ariMessages.workspaceId, ariMessages.providerMessageId] })
    .returning({ id: ariMessages.id });
  if (!message) return null;

  if (fromCustomer) {
    await tx
      .update(ariConversations)
      .set({
        lastInboundAt: sql`greatest(${ariConversations.lastInboundAt}, ${event.sentAt.toISOString()}::timestamptz)`,
        lastMessageAt: sql`greatest(${ariConversations.lastMessageAt}, ${event.sentAt.toISOString()}::timestamptz)`,
        unreadCount: sql`${ariConversations.unreadCount} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(ariConversations.id, conversation!.id));
  } else {
    // A team member answered from the phone app: they have taken this conversation over.
    await tx
      .update(ariConversations)
      .set({
        mode: 'human',
        handoffReason: sql`coalesce(${ariConversations.handoffReason}, 'a team member replied from the WhatsApp Business app')`,
        unreadCount: 0,
        lastMessageAt: sql`greatest(${ariConversations.lastMessageAt}, ${event.sentAt.toISOString()}::timestamptz)`,
        updatedAt: sql`now()`,
      })
      .where(eq(ariConversations.id, conversation!.id));
    await tx
      .update(ariMessages)
      .set({ answeredAt: sql`now()` })
      .where(
        and(
          eq(ariMessages.conversationId, conversation!.id),
          eq(ariMessages.direction, 'inbound'),
          isNull(ariMessages.answeredAt),
        ),
      );
  }
  const answer = fromCustomer && event.origin === 'customer' && event.answerable;
  return { messageId: message.id, conversationId: conversation!.id, answer };
}

/** Delivery progress only moves forward; out-of-order webhooks cannot undo "read". */
const STATUS_RANK: Record<MessageStatus, number> = {
  received: 0,
  pending: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  read: 5,
  failed: 6,
};

async function applyStatus(tx: AriTransaction, workspaceId: string, event: StatusEvent): Promise<boolean> {
  const byProviderId = eq(ariMessages.providerMessageId, event.providerMessageId);
  // After a crash mid-send ARI may not know the provider id yet: the callback data names our row.
  const byCallback =
    event.callbackData && /^[0-9a-f-]{36}$/i.test(event.callbackData)
      ? and(eq(ariMessages.id, event.callbackData), isNull(ariMessages.providerMessageId))
      : undefined;
  const [message] = await tx
    .select({ id: ariMessages.id, status: ariMessages.status, providerMessageId: ariMessages.providerMessageId })
    .from(ariMessages)
    .where(and(eq(ariMessages.workspaceId, workspaceId), eq(ariMessages.direction, 'outbound'), byCallback ? sql`(${byProviderId} or ${byCallback})` : byProviderId))
    .for('update')
    .limit(1);
  if (!message) return false;
  const forward = STATUS_RANK[event.status] > STATUS_RANK[message.status];
  if (!forward && message.providerMessageId) return false;
  await tx
    .update(ariMessages)
    .set({
      ...(forward ? { status: event.status, error: event.error } : {}),
      providerMessageId: message.providerMessageId ?? event.providerMessageId,
      updatedAt: sql`now()`,
    })
    .where(eq(ariMessages.id, message.id));
  return true;
}
