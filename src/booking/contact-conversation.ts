import { and, desc, eq } from 'drizzle-orm';
import type { AriDatabase, AriTransaction } from '../db/open-database.js';
import { ariConversations } from '../db/schema.js';

export interface ContactConversation {
  id: string;
  lastInboundAt: Date | null;
}

/**
 * The contact's conversation in the workspace, or null: where a booking made without one
 * (console, API, CLI) belongs and where its reminders go. One per contact today; the newest
 * should that ever change.
 */
export async function contactConversation(
  db: AriDatabase | AriTransaction,
  workspaceId: string,
  contactId: string,
): Promise<ContactConversation | null> {
  const [row] = await db
    .select({ id: ariConversations.id, lastInboundAt: ariConversations.lastInboundAt })
    .from(ariConversations)
    .where(and(eq(ariConversations.workspaceId, workspaceId), eq(ariConversations.contactId, contactId)))
    .orderBy(desc(ariConversations.createdAt), desc(ariConversations.id))
    .limit(1);
  return row ?? null;
}
