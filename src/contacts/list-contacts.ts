import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { CONVERSATION_MODES, CONVERSATION_STATES, LEAD_STATUSES } from '../core/vocabulary.js';
import { parseInput } from '../core/parse-input.js';
import type { AriDatabase } from '../db/open-database.js';
import { ariConversations, contacts } from '../db/schema.js';
import { contactMatches } from './contact-search.js';

export const listContactsInput = z.object({
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
  status: z.enum(LEAD_STATUSES).optional(),
  state: z.enum(CONVERSATION_STATES).optional(),
  mode: z.enum(CONVERSATION_MODES).optional(),
  q: z.string().trim().max(100).optional(),
});
export type ListContactsInput = z.input<typeof listContactsInput>;

/** A workspace's contacts (leads), highest lead score first, with their conversation's state. */
export async function listContacts(db: AriDatabase, workspaceId: string, rawInput: ListContactsInput = {}) {
  const input = parseInput(listContactsInput, rawInput);
  const filters: Array<SQL | undefined> = [
    eq(contacts.workspaceId, workspaceId),
    input.status ? eq(contacts.leadStatus, input.status) : undefined,
    input.state ? eq(ariConversations.state, input.state) : undefined,
    input.mode ? eq(ariConversations.mode, input.mode) : undefined,
    contactMatches(input.q),
  ];
  return db
    .select({
      id: contacts.id,
      phone: contacts.phone,
      username: contacts.username,
      bsuid: contacts.bsuid,
      name: contacts.name,
      leadScore: contacts.leadScore,
      leadStatus: contacts.leadStatus,
      tags: contacts.tags,
      metadata: contacts.metadata,
      createdAt: contacts.createdAt,
      updatedAt: contacts.updatedAt,
      conversationId: ariConversations.id,
      state: ariConversations.state,
      mode: ariConversations.mode,
      nextAction: ariConversations.nextAction,
      lastMessageAt: ariConversations.lastMessageAt,
    })
    .from(contacts)
    .leftJoin(
      ariConversations,
      and(eq(ariConversations.workspaceId, contacts.workspaceId), eq(ariConversations.contactId, contacts.id)),
    )
    .where(and(...filters))
    .orderBy(desc(sql`coalesce(${contacts.leadScore}, -1)`), desc(contacts.updatedAt))
    .limit(input.limit);
}
