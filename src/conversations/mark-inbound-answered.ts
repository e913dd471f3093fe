import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AriTransaction } from '../db/open-database.js';
import { ariMessages } from '../db/schema.js';

/**
 * Everything the customer wrote so far counts as answered — by a human reply, or
 * because a human had the conversation — so the assistant starts from new messages.
 */
export async function markInboundAnswered(tx: AriTransaction, conversationId: string): Promise<void> {
  await tx
    .update(ariMessages)
    .set({ answeredAt: sql`now()` })
    .where(
      and(
        eq(ariMessages.conversationId, conversationId),
        eq(ariMessages.direction, 'inbound'),
        isNull(ariMessages.answeredAt),
      ),
    );
}
