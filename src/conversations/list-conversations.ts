import { and, desc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { contactMatches } from '../contacts/contact-search.js';
import { z } from 'zod';
import { CONVERSATION_MODES, CONVERSATION_STATES, LEAD_TEMPERATURES } from '../core/vocabulary.js';
import { parseInput } from '../core/parse-input.js';
import type { AriDatabase } from '../db/open-database.js';
import { ariConversations, contacts } from '../db/schema.js';
import { WINDOW_MS } from './customer-service-window.js';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** The inbox's filters, as the API's query string gives them. */
export const listConversationsInput = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
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

/** A workspace's conversations, most recent first, each with its contact. */
export async function listConversations(db: AriDatabase, workspaceId: string, rawInput: ListConversationsInput = {}) {
  const input = parseInput(listConversationsInput, rawInput);
  const filters: Array<SQL | undefined> = [
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
  return db
    .select({
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
    .orderBy(desc(sql`coalesce(${ariConversations.lastMessageAt}, ${ariConversations.createdAt})`))
    .limit(input.limit);
}
