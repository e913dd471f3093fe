import { and, asc, eq } from 'drizzle-orm';
import { UserError } from '../core/user-error.js';
import type { AriDatabase } from '../db/open-database.js';
import { ariConversations, ariMessages, contacts } from '../db/schema.js';

/** One conversation of a workspace with its contact and every message, oldest first. */
export async function getConversation(db: AriDatabase, workspaceId: string, conversationId: string) {
  const [row] = /^[0-9a-f-]{36}$/i.test(conversationId)
    ? await db
        .select({ conversation: ariConversations, contact: contacts })
        .from(ariConversations)
        .innerJoin(contacts, eq(contacts.id, ariConversations.contactId))
        .where(and(eq(ariConversations.workspaceId, workspaceId), eq(ariConversations.id, conversationId)))
        .limit(1)
    : [];
  if (!row) throw new UserError(`no conversation ${conversationId}`, 'not_found');
  const messages = await db
    .select()
    .from(ariMessages)
    .where(and(eq(ariMessages.workspaceId, workspaceId), eq(ariMessages.conversationId, conversationId)))
    .orderBy(asc(ariMessages.createdAt), asc(ariMessages.id));
  return { ...row, messages };
}
