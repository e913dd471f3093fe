/**
 * Gathers what the assistant's turn needs from the database: the settings exactly
 * as stored now (so a change in ari_config shapes the very next reply), the lead's
 * facts, the customer's unanswered burst, and what the last reply asked (or offered). Only a
 * bounded prefix of each message reaches the rules engine and the prompts.
 */
import { sql } from 'drizzle-orm';
import type { Language, MessageRole } from '../core/vocabulary.js';
import type { AriDatabase } from '../db/open-database.js';
import { selectRows } from '../db/select-rows.js';
import { type ariConversations, ariMessages, contacts } from '../db/schema.js';
import type { Workspace } from '../workspaces/create-workspace.js';
import type { AssistantConfig } from '../assistant-config/assistant-config.js';
import { type LeadFacts, readStoredFacts } from './lead/lead-facts.js';
import { playbookForTurn } from '../playbooks/resolve-playbook.js';
import { BRAIN_HISTORY } from './assess-lead.js';
import { boundedText } from '../core/bounded-text.js';
import type { TurnInput, TurnMessage } from './rules/rules-turn.js';

export interface LeadMemory {
  facts?: LeadFacts;
  /** Signals the customer gave so far (stage exits and the rubric read them). */
  signalsSeen?: string[];
  language?: Language;
  communityOffered?: boolean;
  /** Customer messages counted when a model Brain last assessed the lead. */
  brainAt?: number;
}

export async function prepareTurn(
  db: AriDatabase,
  conversation: typeof ariConversations.$inferSelect,
  workspace: Workspace,
  assistant: AssistantConfig,
  /** The customer's unanswered messages, oldest first (already read by the reply job). */
  burst: TurnMessage[],
  now: Date,
): Promise<{
  input: TurnInput;
  memory: LeadMemory;
  /** Why the workspace's own playbook could not be used (the built-in answered instead), or null. */
  playbookProblem: string | null;
  /** The last 20 messages: the Brain reads them all, the Mouth the last 10. */
  history: Array<{ role: MessageRole; content: string }>;
  /** The metadata of the assistant's last reply (what it asked, what it offered to book). */
  lastReplyMetadata: unknown;
}> {
  const read = await readTurnHistory(db, conversation);
  const memory = (read.memory ?? {}) as LeadMemory;
  const lastMessageOut = read.last_out ?? undefined;
  const recent = read.recent ?? [];

  const { playbook, problem: playbookProblem } = playbookForTurn(assistant);
  const input: TurnInput = {
    playbook,
    settings: {
      language: assistant.language,
      greetingTemplate: assistant.greetingTemplate,
      communityLink: assistant.communityLink,
      consultationOffer: assistant.consultationOffer,
      knowledgeEntries: assistant.knowledgeEntries,
    },
    workspaceName: workspace.name,
    timezone: workspace.timezone,
    facts: readStoredFacts(memory.facts),
    signalsSeen: memory.signalsSeen ?? [],
    state: conversation.state,
    burst,
    // A question the last message out asked (a staff message after it asked none).
    askedSlot: (lastMessageOut?.metadata as { asked?: string } | undefined)?.asked ?? null,
    greeted: lastMessageOut !== undefined,
    communityOffered: memory.communityOffered === true,
    userMessageCount: read.inbound,
    assistantTurns: read.assistant,
    previousLanguage: memory.language ?? null,
    now,
  };
  // A message is stored whole; the prompts read its bounded prefix.
  const history = recent.reverse().map((m) => ({ role: m.role, content: boundedText(m.content) }));
  return { input, memory, history, playbookProblem, lastReplyMetadata: read.last_reply_metadata ?? null };
}

/**
 * Everything the turn reads about the lead and the thread, in ONE statement: on PGlite's one
 * connection every statement is a turn that a webhook's commit may have to wait behind.
 * The history is newest first (reversed by the caller).
 */
interface TurnHistory {
  memory: unknown;
  /** The last message out, whoever sent it: what it asked, and whether anyone greeted yet. */
  last_out: { metadata: unknown; role: MessageRole } | null;
  /** What the assistant last offered: a reminder (role system) or a staff message sent after an offer must not hide it. */
  last_reply_metadata: unknown;
  inbound: number;
  assistant: number;
  recent: Array<{ role: MessageRole; content: string }> | null;
}

/** Always one row: the counts' subquery has one even for an empty thread. */
async function readTurnHistory(db: AriDatabase, conversation: { id: string; contactId: string }): Promise<TurnHistory> {
  const [row] = await selectRows<TurnHistory>(
    db,
    sql`select
      (select ${contacts.metadata} from ${contacts} where ${contacts.id} = ${conversation.contactId}) as memory,
      (select json_build_object('metadata', m.metadata, 'role', m.role) from ${ariMessages} m
        where m.conversation_id = ${conversation.id} and m.direction = 'outbound'
        order by m.created_at desc limit 1) as last_out,
      (select m.metadata from ${ariMessages} m
        where m.conversation_id = ${conversation.id} and m.direction = 'outbound' and m.role = 'assistant'
        order by m.created_at desc limit 1) as last_reply_metadata,
      counts.inbound, counts.assistant,
      (select json_agg(json_build_object('role', r.role, 'content', r.content) order by r.created_at desc) from (
        select m.role, m.content, m.created_at from ${ariMessages} m
         where m.conversation_id = ${conversation.id}
         order by m.created_at desc limit ${BRAIN_HISTORY}) r) as recent
      from (select count(*) filter (where m.direction = 'inbound')::int as inbound,
                   count(*) filter (where m.role = 'assistant')::int as assistant
              from ${ariMessages} m where m.conversation_id = ${conversation.id}) counts`,
  );
  return row!;
}
