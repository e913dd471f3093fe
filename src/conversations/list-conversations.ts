import { and, desc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { contactMatches } from '../contacts/contact-search.js';
import { z } from 'zod';
import { CONVERSATION_MODES, CONVERSATION_STATES, LEAD_TEMPERATURES } from '../core/vocabulary.js';
import { decodeCursor, encodeCursor } from '../core/page-cursor.js';
import { parseInput } from '../core/parse-input.js';
import type { AriDatabase } from '../db/open-database.js';
import { ariConversations, contacts } from '../db/schema.js';
import { WINDOW_MS } from '../channels/customer-service-window.js';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** The inbox's filters, as the API's query string gives them. */
export const listConversationsInput = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    /** nextCursor of the previous page. */
    cursor: z.string().max(500).optional(),
    mode: z.enum(CONVERSATION_MODES).optional(),
    temperature: z.enum(LEAD_TEMPERATURES).optional(),
    state: z.enum(CONVERSATION_STATES).optional(),
    unread: flag.optional(),
    windowOpen: flag.optional(),
    /** Messages recovered from Kapso's history that nobody has answered yet (left for the team). */
    recoveredUnanswered: flag.optional(),
    /** Part of the customer's name or phone number. */
    q: z.string().trim().max(100).optional(),
  })
  // An unknown parameter (a misspelt or snake_case one) is an error, not a filter silently dropped.
  .strict();
export type ListConversationsInput = z.input<typeof listConversationsInput>;

/** A recovered customer message with no reply after it, in the conversation of the outer query. */
const recoveredUnanswered = sql`select 1 from ari_messages m
   where m.conversation_id = ${ariConversations.id} and m.direction = 'inbound' and m.recovered
     and not exists (select 1 from ari_messages o where o.conversation_id = m.conversation_id
                        and o.direction = 'outbound' and o.created_at > m.created_at)`;

/**
 * A page of a workspace's conversations, most recent first, each with its contact;
 * `nextCursor` continues after the page's last row (null on the last page).
 */
export async function listConversations(db: AriDatabase, workspaceId: string, rawInput: ListConversationsInput = {}) {
  const input = parseInput(listConversationsInput, rawInput);
  const sortAt = sql`coalesce(${ariConversations.lastMessageAt}, ${ariConversations.createdAt})`;
  const after = input.cursor ? decodeCursor(input.cursor, ['string', 'string'] as const) : undefined;
  const filters: Array<SQL | undefined> = [
    after ? sql`(${sortAt}, ${ariConversations.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
    eq(ariConversations.workspaceId, workspaceId),
    input.mode ? eq(ariConversations.mode, input.mode) : undefined,
    input.temperature ? eq(ariConversations.leadTemperature, input.temperature) : undefined,
    input.state ? eq(ariConversations.state, input.state) : undefined,
    input.unread === undefined
      ? undefined
      : input.unread
        ? gt(ariConversations.unreadCount, 0)
        : eq(ariConversations.unreadCount, 0),
    input.windowOpen === undefined
      ? undefined
      : input.windowOpen
        ? gt(ariConversations.lastInboundAt, new Date(Date.now() - WINDOW_MS))
        : sql`coalesce(${ariConversations.lastInboundAt} <= ${new Date(Date.now() - WINDOW_MS)}, true)`,
    input.recoveredUnanswered === undefined
      ? undefined
      : input.recoveredUnanswered
        ? sql`exists (${recoveredUnanswered})`
        : sql`not exists (${recoveredUnanswered})`,
    contactMatches(input.q),
  ];
  const rows = await db
    .select({
      sortAt: sql<string>`${sortAt}::text`,
      conversation: ariConversations,
      contact: {
        id: contacts.id,
        phone: contacts.phone,
        username: contacts.username,
        name: contacts.name,
        leadScore: contacts.leadScore,
        leadStatus: contacts.leadStatus,
      },
    })
    .from(ariConversations)
    .innerJoin(contacts, eq(contacts.id, ariConversations.contactId))
    .where(and(...filters))
    .orderBy(desc(sortAt), desc(ariConversations.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    rows: page.map(({ sortAt: _key, ...row }) => row),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.sortAt, last.conversation.id]) : null,
  };
}
