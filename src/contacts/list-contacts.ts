import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { CONVERSATION_MODES, CONVERSATION_STATES, LEAD_STATUSES } from '../core/vocabulary.js';
import { decodeCursor, encodeCursor } from '../core/page-cursor.js';
import { parseInput } from '../core/parse-input.js';
import type { AriDatabase } from '../db/open-database.js';
import { ariConversations, contacts } from '../db/schema.js';
import { contactMatches } from './contact-search.js';

export const listContactsInput = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    /** nextCursor of the previous page. */
    cursor: z.string().max(500).optional(),
    status: z.enum(LEAD_STATUSES).optional(),
    state: z.enum(CONVERSATION_STATES).optional(),
    mode: z.enum(CONVERSATION_MODES).optional(),
    q: z.string().trim().max(100).optional(),
  })
  // An unknown parameter (a misspelt or snake_case one) is an error, not a filter silently dropped.
  .strict();
export type ListContactsInput = z.input<typeof listContactsInput>;

/**
 * A page of a workspace's contacts (leads), highest lead score first, with their
 * conversation's state; `nextCursor` continues after the page (null on the last).
 */
export async function listContacts(db: AriDatabase, workspaceId: string, rawInput: ListContactsInput = {}) {
  const input = parseInput(listContactsInput, rawInput);
  const score = sql`coalesce(${contacts.leadScore}, -1)`;
  const after = input.cursor ? decodeCursor(input.cursor, ['number', 'string', 'string'] as const) : undefined;
  const filters: Array<SQL | undefined> = [
    after
      ? sql`(${score}, ${contacts.updatedAt}, ${contacts.id}) < (${after[0]}, ${after[1]}::timestamptz, ${after[2]}::uuid)`
      : undefined,
    eq(contacts.workspaceId, workspaceId),
    input.status ? eq(contacts.leadStatus, input.status) : undefined,
    input.state ? eq(ariConversations.state, input.state) : undefined,
    input.mode ? eq(ariConversations.mode, input.mode) : undefined,
    contactMatches(input.q),
  ];
  const rows = await db
    .select({
      sortUpdatedAt: sql<string>`${contacts.updatedAt}::text`,
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
    .orderBy(desc(score), desc(contacts.updatedAt), desc(contacts.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    rows: page.map(({ sortUpdatedAt: _key, ...row }) => row),
    nextCursor:
      rows.length > input.limit && last ? encodeCursor([last.leadScore ?? -1, last.sortUpdatedAt, last.id]) : null,
  };
}
