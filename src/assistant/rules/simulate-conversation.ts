/**
 * A whole conversation through the rules engine, one customer message per turn,
 * carrying over what the service carries over (facts, signals, the question
 * asked, greeted, community offered, language). Pure: for scripted playbook
 * tests and the conversation benchmark.
 */
import type { KnowledgeEntry } from '../../core/assistant-settings.js';
import type { ConversationState, Language } from '../../core/vocabulary.js';
import type { LeadFacts } from '../lead/lead-facts.js';
import type { Playbook } from '../playbook/playbook-schema.js';
import { type AssistantSettings, rulesTurn, type TurnDecision, type TurnMessage } from './rules-turn.js';

export interface ConversationOptions {
  /** The workspace's language (default Indonesian). */
  workspaceLanguage?: Language;
  workspaceName?: string;
  knowledge?: KnowledgeEntry[];
  communityLink?: string | null;
  timezone?: string;
  now?: Date;
  /** The workspace's own greeting and offer (in its language); default: the playbook's. */
  greetingTemplate?: string;
  consultationOffer?: string | null;
  /** Stop at the first handoff, as the service does (a human answers from there). Default true. */
  stopAtHandoff?: boolean;
}

export function simulateConversation(
  playbook: Playbook,
  messages: Array<string | TurnMessage>,
  options: ConversationOptions = {},
): TurnDecision[] {
  const language = options.workspaceLanguage ?? 'id';
  const settings: AssistantSettings = {
    language,
    greetingTemplate: options.greetingTemplate ?? playbook.lines.greeting[language],
    consultationOffer: options.consultationOffer ?? null,
    communityLink: options.communityLink ?? null,
    knowledgeEntries: options.knowledge ?? [],
  };
  let facts: LeadFacts | null = null;
  let signalsSeen: string[] = [];
  let state: ConversationState = 'greeting';
  let askedSlot: string | null = null;
  let communityOffered = false;
  let previousLanguage: Language | null = null;
  const turns: TurnDecision[] = [];
  for (const [i, message] of messages.entries()) {
    const turn = rulesTurn({
      playbook,
      settings,
      workspaceName: options.workspaceName ?? 'Demo',
      timezone: options.timezone ?? 'Asia/Jakarta',
      facts,
      signalsSeen,
      state,
      burst: [typeof message === 'string' ? { text: message } : message],
      askedSlot,
      greeted: i > 0,
      communityOffered,
      userMessageCount: i + 1,
      assistantTurns: i,
      previousLanguage,
      now: options.now ?? new Date('2026-11-26T02:00:00Z'),
    });
    turns.push(turn);
    ({ facts, state, signalsSeen } = turn);
    askedSlot = turn.reply.asked;
    communityOffered ||= turn.reply.kind === 'community';
    previousLanguage = turn.language;
    if (turn.handoffReason && options.stopAtHandoff !== false) break;
  }
  return turns;
}
