/**
 * The one place a provider's delivery status lands on an outbound message: from a
 * status webhook, from Kapso's outbound history, or from the confirmation check.
 *
 * Delivery progress only moves forward (sent → delivered → read), so an out-of-order or
 * replayed status cannot undo "read"; "failed" only ends a send still in flight or
 * merely sent (a message already delivered did not fail). A real failure is final, but
 * "delivery unknown" is ARI's guess, not the provider's word: any provider status
 * settles it, a late "delivered" included.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { StatusEvent } from '../channels/channel-event.js';
import type { MessageStatus } from '../core/vocabulary.js';
import type { AriTransaction } from '../db/open-database.js';
import { ariMessages } from '../db/schema.js';
import { isDeliveryUnknown } from './delivery-unknown.js';

export type DeliveryStatusUpdate = Pick<StatusEvent, 'providerMessageId' | 'status' | 'error' | 'callbackData'>;

const FORWARD_RANK: Partial<Record<MessageStatus, number>> = { pending: 1, sending: 2, sent: 3, delivered: 4, read: 5 };

function movesForward(from: { status: MessageStatus; error: string | null }, to: MessageStatus): boolean {
  if (from.status === 'failed') return isDeliveryUnknown(from);
  if (to === 'failed') return from.status === 'sending' || from.status === 'sent';
  const fromRank = FORWARD_RANK[from.status];
  const toRank = FORWARD_RANK[to];
  return fromRank !== undefined && toRank !== undefined && toRank > fromRank;
}

/** Applies the status to the outbound message it names; true when a row was changed. */
export async function applyDeliveryStatus(
  tx: AriTransaction,
  workspaceId: string,
  update: DeliveryStatusUpdate,
): Promise<boolean> {
  const byProviderId = eq(ariMessages.providerMessageId, update.providerMessageId);
  // After a crash mid-send ARI may not know the provider id yet: the callback data names our row.
  const byCallback =
    update.callbackData && /^[0-9a-f-]{36}$/i.test(update.callbackData)
      ? and(eq(ariMessages.id, update.callbackData), isNull(ariMessages.providerMessageId))
      : undefined;
  const [message] = await tx
    .select({
      id: ariMessages.id,
      status: ariMessages.status,
      error: ariMessages.error,
      providerMessageId: ariMessages.providerMessageId,
    })
    .from(ariMessages)
    .where(
      and(
        eq(ariMessages.workspaceId, workspaceId),
        eq(ariMessages.direction, 'outbound'),
        byCallback ? sql`(${byProviderId} or ${byCallback})` : byProviderId,
      ),
    )
    // The row already known by this provider id wins over one named only by callback data.
    .orderBy(sql`${ariMessages.providerMessageId} is null`)
    .for('update')
    .limit(1);
  if (!message) return false;
  const forward = movesForward(message, update.status);
  if (!forward && message.providerMessageId) return false;
  await tx
    .update(ariMessages)
    .set({
      ...(forward ? { status: update.status, error: update.error } : {}),
      providerMessageId: message.providerMessageId ?? update.providerMessageId,
      updatedAt: sql`now()`,
    })
    .where(eq(ariMessages.id, message.id));
  return true;
}
