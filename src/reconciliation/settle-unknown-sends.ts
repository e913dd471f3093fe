/**
 * Sends whose outcome ARI could not know (no answer and no status even after sending
 * once more: marked failed with "delivery unknown") are settled from Kapso's outbound
 * history when it shows them: matched by the callback data ARI sends (its own
 * message id) or, failing that, by recipient and exact text; each history message
 * settles at most one row.
 */
import type { UnifiedMessage, WhatsAppClient } from '@kapso/whatsapp-cloud-api';
import { and, eq, isNull, like } from 'drizzle-orm';
import { ariConversations, ariMessages, contacts } from '../db/schema.js';
import type { ServiceContext } from '../context/service-context.js';
import { applyDeliveryStatus } from '../outbox/apply-delivery-status.js';
import { DELIVERY_UNKNOWN } from '../outbox/delivery-unknown.js';

const SETTLED: Record<string, 'sent' | 'delivered' | 'read' | 'failed'> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
};

export async function settleUnknownSends(
  ctx: ServiceContext,
  client: WhatsAppClient,
  n: { workspaceId: string; phoneNumberId: string },
  marginMs: number,
): Promise<number> {
  const { db } = ctx.database;
  const unknown = await db
    .select({
      id: ariMessages.id,
      content: ariMessages.content,
      createdAt: ariMessages.createdAt,
      phone: contacts.phone,
    })
    .from(ariMessages)
    .innerJoin(ariConversations, eq(ariConversations.id, ariMessages.conversationId))
    .innerJoin(contacts, eq(contacts.id, ariConversations.contactId))
    .where(
      and(
        eq(ariMessages.workspaceId, n.workspaceId),
        eq(ariMessages.direction, 'outbound'),
        eq(ariMessages.status, 'failed'),
        isNull(ariMessages.providerMessageId),
        like(ariMessages.error, `${DELIVERY_UNKNOWN}%`),
        eq(ariConversations.channel, 'kapso'),
      ),
    );
  if (unknown.length === 0) return 0;
  const since = new Date(Math.min(...unknown.map((u) => u.createdAt.getTime())) - marginMs);
  const open = new Map(unknown.map((u) => [u.id, u]));
  let settled = 0;
  let after: string | undefined;
  for (;;) {
    const page = await client.messages.query({
      phoneNumberId: n.phoneNumberId,
      direction: 'outbound',
      since: since.toISOString(),
      fields: 'kapso(default)',
      limit: 100,
      ...(after ? { after } : {}),
    });
    for (const item of page.data ?? []) {
      const row = match(item, open);
      const status = SETTLED[String(item.kapso?.status ?? 'sent')] ?? 'sent';
      if (!row) continue;
      open.delete(row.id);
      // Through the same rule as a status webhook: a late one and this settle agree on the order.
      const applied = await db.transaction((tx) =>
        applyDeliveryStatus(tx, n.workspaceId, {
          providerMessageId: item.id,
          status,
          error: status === 'failed' ? 'failed (seen in Kapso history)' : null,
          callbackData: row.id,
        }),
      );
      if (applied) settled++;
    }
    const next = page.paging?.cursors?.after;
    if (open.size === 0 || !next || !page.paging?.next || next === after) break;
    after = next;
  }
  return settled;
}

function match(
  item: UnifiedMessage,
  open: Map<string, { id: string; content: string; phone: string | null }>,
): { id: string } | undefined {
  const kapso = (item.kapso ?? {}) as Record<string, unknown>;
  const callback = kapso.bizOpaqueCallbackData ?? item.bizOpaqueCallbackData;
  if (typeof callback === 'string' && open.has(callback)) return open.get(callback);
  const to = String(item.to ?? kapso.phoneNumber ?? '').replace(/\D/g, '');
  const text = item.text?.body ?? kapso.content;
  if (!to || typeof text !== 'string') return undefined;
  for (const row of open.values()) if (row.phone?.replace(/\D/g, '') === to && row.content === text) return row;
  return undefined;
}
