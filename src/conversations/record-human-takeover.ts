import { eq, sql } from 'drizzle-orm';
import type { AriTransaction } from '../db/open-database.js';
import { ariConversations } from '../db/schema.js';
import { markInboundAnswered } from './mark-inbound-answered.js';

/**
 * A team member answered the customer (from the console, or from the WhatsApp
 * Business app): the conversation is the team's now, and what the customer wrote
 * before counts as answered, so the assistant does not reply as well.
 */
export async function recordHumanTakeover(tx: AriTransaction, conversationId: string, reason: string): Promise<void> {
  await tx
    .update(ariConversations)
    .set({
      mode: 'human',
      handoffReason: sql`coalesce(${ariConversations.handoffReason}, ${reason})`,
      unreadCount: 0,
      lastMessageAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(eq(ariConversations.id, conversationId));
  await markInboundAnswered(tx, conversationId);
}
