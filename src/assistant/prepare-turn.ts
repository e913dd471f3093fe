/**
 * Gathers what the assistant's turn needs from the database: the settings exactly
 * as stored now (so a change in ari_config shapes the very next reply), the lead's
 * facts, the customer's unanswered burst, and what the last reply asked (or offered). Only a
 * bounded prefix of each message reaches the rules engine and the prompts.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Language, MessageRole } from '../core/vocabulary.js';
import type { AriDatabase } from '../db/open-database.js';
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
  const [contact] = await db
    .select({ metadata: contacts.metadata })
    .from(contacts)
    .where(eq(contacts.id, conversation.contactId));
  const memory = (contact?.metadata ?? {}) as LeadMemory;
  const lastOutbound = (role?: 'assistant') =>
    db
      .select({ metadata: ariMessages.metadata, role: ariMessages.role })
      .from(ariMessages)
      .where(
        and(
          eq(ariMessages.conversationId, conversation.id),
          eq(ariMessages.direction, 'outbound'),
          role ? eq(ariMessages.role, role) : undefined,
        ),
      )
      .orderBy(desc(ariMessages.createdAt))
      .limit(1)
      .then((rows) => rows[0]);
  const lastMessageOut = await lastOutbound();
  // What the assistant last offered: a reminder (role system) or a staff message sent after an
  // offer must not hide it.
  const lastReply = lastMessageOut?.role === 'assistant' ? lastMessageOut : await lastOutbound('assistant');
  const [counts] = await db
    .select({
      inbound: sql<number>`count(*) filter (where ${ariMessages.direction} = 'inbound')::int`,
      assistant: sql<number>`count(*) filter (where ${ariMessages.role} = 'assistant')::int`,
    })
    .from(ariMessages)
    .where(eq(ariMessages.conversationId, conversation.id));

  const recent = await db
    .select({ role: ariMessages.role, content: ariMessages.content })
    .from(ariMessages)
    .where(eq(ariMessages.conversationId, conversation.id))
    .orderBy(desc(ariMessages.createdAt))
    .limit(BRAIN_HISTORY);

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
    userMessageCount: counts?.inbound ?? burst.length,
    assistantTurns: counts?.assistant ?? 0,
    previousLanguage: memory.language ?? null,
    now,
  };
  // A message is stored whole; the prompts read its bounded prefix.
  const history = recent.reverse().map((m) => ({ role: m.role, content: boundedText(m.content) }));
  return { input, memory, history, playbookProblem, lastReplyMetadata: lastReply?.metadata ?? null };
}
