import { and, desc, eq, sql } from 'drizzle-orm';
import type { AriDatabase } from '../db/open-database.js';
import { ariConversations, contacts } from '../db/schema.js';

export interface ListConversationsOptions {
  limit?: number;
  mode?: 'ai' | 'human';
}

/** A workspace's conversations, most recent first, each with its contact. */
export async function listConversations(db: AriDatabase, workspaceId: string, options: ListConversationsOptions = {}) {
  return db
    .select({
      conversation: ariConversations,
      contact: { id: contacts.id, phone: contacts.phone, name: contacts.name, leadScore: contacts.leadScore, leadStatus: contacts.leadStatus },
    })
    .from(ariConversations)
    .innerJoin(contacts, eq(contacts.id, ariConversations.contactId))
    .where(and(eq(ariConversations.workspaceId, workspaceId), options.mode ? eq(ariConversations.mode, options.mode) : undefined))
    .orderBy(desc(sql`coalesce(${ariConversations.lastMessageAt}, ${ariConversations.createdAt})`))
    .limit(Math.min(options.limit ?? 50, 500));
}
