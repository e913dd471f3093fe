import { and, eq, sql } from 'drizzle-orm';
import { ariConversations } from '../db/schema.js';
import type { ServiceContext } from '../context/service-context.js';

/** A team member opened the conversation: nothing in it is unread any more. */
export async function markConversationRead(
  ctx: ServiceContext,
  workspaceId: string,
  conversationId: string,
): Promise<void> {
  const updated = await ctx.database.db
    .update(ariConversations)
    .set({ unreadCount: 0 })
    .where(
      and(
        eq(ariConversations.workspaceId, workspaceId),
        eq(ariConversations.id, conversationId),
        sql`${ariConversations.unreadCount} > 0`,
      ),
    )
    .returning({ id: ariConversations.id });
  if (updated.length > 0) ctx.events.publish(workspaceId, { type: 'conversation.changed', conversationId });
}
