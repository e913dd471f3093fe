/**
 * The offline rules engine's turn: read the customer's latest burst of messages,
 * update the lead's facts, score them with the workspace's rubric (the Brain),
 * then decide what to say and whether to hand off (the Mouth). No network, no
 * clock, no database: everything comes in as arguments, so it is exhaustively
 * testable and costs nothing.
 */
import type { FlowStage, KnowledgeEntry, ScoringWeights } from '../../core/assistant-settings.js';
import type { ConversationState, Language, NextAction } from '../../core/vocabulary.js';
import { advanceState } from '../lead/advance-state.js';
import { boundedText } from '../../core/bounded-text.js';
import type { BrainOutput } from '../lead/brain-output.js';
import { emptyFacts, firstMissingSlot, type LeadFacts, type Slot } from '../lead/lead-facts.js';
import { pointsFromShares, rubricShares, scoreLead, type CategoryPoints, type LeadScore } from '../lead/score-lead.js';
import { findKnowledge, findPricingKnowledge } from './find-knowledge.js';
import {
  ALL_SET,
  HANDOFF,
  MEDIA_RECEIVED,
  QUESTIONS,
  VOICE_NOTE_UNHEARD,
  acknowledgement,
  communityInvite,
} from './phrases.js';
import { readMessage, type MessageSignals } from './read-message.js';
import { renderGreeting, tidy } from './render-greeting.js';
import { timeOfDay } from './time-of-day.js';

export interface AssistantSettings {
  botName: string;
  language: Language;
  greetingTemplate: string;
  communityLink: string | null;
  consultationOffer: string | null;
  flowStages: FlowStage[];
  knowledgeEntries: KnowledgeEntry[];
  scoringWeights: ScoringWeights;
  hotThreshold: number;
  warmThreshold: number;
}

/** One customer message of a burst, as the rules engine reads it. */
export interface TurnMessage {
  /** The stored text: typed text, a caption, a voice note's transcript, or "[Image]"-like for bare media. */
  text: string;
  /** The file the message carried, if any. */
  media?: { kind: string; caption: string | null; filename: string | null } | null;
  /** A voice note nobody could listen to (no transcriber, or it failed): the customer is asked to type. */
  unheard?: boolean;
}

export interface TurnInput {
  settings: AssistantSettings;
  workspaceName: string;
  timezone: string;
  /** Facts known before this burst (contacts.metadata.facts). */
  facts: LeadFacts | null;
  state: ConversationState;
  /** The customer's new messages, oldest first. */
  burst: TurnMessage[];
  /** What the assistant's previous message asked, if anything. */
  askedSlot: Slot | null;
  /** Whether the assistant has written to this customer before. */
  greeted: boolean;
  communityOffered: boolean;
  /** Customer messages in the conversation so far, this burst included. */
  userMessageCount: number;
  /** The language the conversation was in so far. */
  previousLanguage: Language | null;
  now: Date;
  /** A model Brain's assessment this turn; without one the rules Brain scores with the rubric. */
  assessment?: BrainOutput;
  /** Hand over to a human whatever was said (e.g. the AI budget is used up and ari_config says so). */
  forceHandoff?: string;
}

export type ReplyKind =
  | 'greeting'
  | 'question'
  | 'knowledge'
  | 'consultation'
  | 'community'
  | 'handoff'
  | 'all_set'
  /** "I cannot listen to voice notes, please type": a voice note could not be transcribed. */
  | 'voice_note'
  /** A short acknowledgement of a file sent without a caption. */
  | 'media';

export interface TurnDecision {
  facts: LeadFacts;
  signals: MessageSignals;
  language: Language;
  lead: LeadScore;
  state: ConversationState;
  nextAction: NextAction;
  reasoning: string;
  handoffReason: string | null;
  reply: { text: string; kind: ReplyKind; asked: Slot | null };
}

export function rulesTurn(input: TurnInput): TurnDecision {
  const { settings } = input;
  let facts = input.facts ?? emptyFacts();
  let language = input.previousLanguage ?? settings.language;
  const signals: MessageSignals = {
    greeting: false,
    pricing: false,
    complaint: false,
    humanRequest: false,
    booking: false,
    documents: false,
    browsing: false,
  };
  let askedSlot = input.askedSlot;
  for (const message of input.burst) {
    if (message.unheard) continue;
    const reading = readMessage(readableText(message), askedSlot, facts, input.now);
    facts = reading.facts;
    language = reading.language ?? language;
    for (const key of Object.keys(signals) as Array<keyof MessageSignals>) signals[key] ||= reading.signals[key];
    askedSlot = null; // only the first message of a burst answers the previous question
  }
  const lastText = boundedText(input.burst.at(-1)?.text ?? '');
  const { assessment } = input;
  if (assessment) facts = withBrainFacts(facts, assessment);

  const thresholds = { hot: settings.hotThreshold, warm: settings.warmThreshold };
  const points = assessment
    ? fromBrainPoints(assessment.points)
    : pointsFromShares(rubricShares(facts, input.userMessageCount, signals.booking), settings.scoringWeights);
  // ARI sums and classifies; a model's points are clamped to the workspace's weights.
  const lead = scoreLead(points, settings.scoringWeights, thresholds);
  const reasoning = assessment ? `brain: ${assessment.reasoning}` : explain(lead, facts, settings.scoringWeights);
  const name = facts.name?.split(' ')[0];
  const missing = firstMissingSlot(facts);
  const question = (slot: Slot | null) => (slot ? QUESTIONS[slot][language] : '');
  const decide = (
    kind: ReplyKind,
    text: string,
    asked: Slot | null,
    state: ConversationState,
    nextAction: NextAction,
    handoffReason: string | null = null,
  ): TurnDecision => ({
    facts,
    signals,
    language,
    lead,
    state: handoffReason ? 'handoff' : advanceState(input.state, state),
    nextAction,
    reasoning,
    handoffReason,
    reply: { text: tidy(text), kind, asked },
  });

  if (input.forceHandoff)
    return decide('handoff', HANDOFF.human[language], null, 'handoff', 'handoff_human', input.forceHandoff);
  if (assessment?.next_action === 'handoff_human') {
    return decide(
      'handoff',
      HANDOFF.human[language],
      null,
      'handoff',
      'handoff_human',
      'the Brain judged the conversation needs a human',
    );
  }
  if (signals.humanRequest)
    return decide(
      'handoff',
      HANDOFF.human[language],
      null,
      'handoff',
      'handoff_human',
      'the customer asked for a human',
    );
  if (signals.complaint)
    return decide('handoff', HANDOFF.complaint[language], null, 'handoff', 'handoff_human', 'complaint');
  if (input.burst.some((m) => m.unheard))
    // Whatever else the burst said, the customer expects an answer to the voice note: ask for it typed,
    // and keep the question that was pending.
    return decide('voice_note', VOICE_NOTE_UNHEARD[language], input.askedSlot, input.state, 'continue_bot');
  if (signals.pricing) {
    const answer = findPricingKnowledge(settings.knowledgeEntries, lastText);
    if (!answer)
      return decide(
        'handoff',
        HANDOFF.pricing[language],
        null,
        'handoff',
        'handoff_human',
        'pricing question not covered by the knowledge base',
      );
    return decide(
      'knowledge',
      `${firstSentences(answer.content)} ${question(missing)}`,
      missing,
      'qualifying',
      'continue_bot',
    );
  }
  if (lead.temperature === 'hot') {
    const offer =
      settings.consultationOffer ??
      (language === 'en'
        ? 'Shall we schedule a free consultation with our team?'
        : 'Mau kami jadwalkan konsultasi gratis dengan tim kami?');
    return decide(
      'consultation',
      `${acknowledgement(language, name, input.userMessageCount)} ${offer}`,
      null,
      'scheduling',
      'offer_consultation',
      'hot lead: consultation offered',
    );
  }
  const bareMedia = input.burst.every((m) => m.media && m.media.kind !== 'audio' && !m.media.caption);
  if (input.burst.length > 0 && bareMedia)
    return decide('media', `${MEDIA_RECEIVED[language]} ${question(missing)}`, missing, 'qualifying', 'continue_bot');
  if (!input.greeted) {
    const greeting = renderGreeting(settings.greetingTemplate, {
      waktu: timeOfDay(input.timezone, input.now, language),
      nama: name ?? '',
      workspace: input.workspaceName,
    });
    const asks = greeting.trim().endsWith('?');
    return decide(
      'greeting',
      asks ? greeting : `${greeting} ${question(missing)}`,
      asks ? null : missing,
      'greeting',
      'continue_bot',
    );
  }
  const later = signals.browsing || facts.timelineLater === true;
  if (later && lead.temperature === 'cold' && settings.communityLink && !input.communityOffered) {
    return decide(
      'community',
      communityInvite(language, settings.communityLink),
      null,
      'qualifying',
      'offer_community',
    );
  }
  const knowledge = isQuestion(lastText) ? findKnowledge(settings.knowledgeEntries, lastText, 1)[0] : undefined;
  if (knowledge)
    return decide(
      'knowledge',
      `${firstSentences(knowledge.content)} ${question(missing)}`,
      missing,
      'qualifying',
      'continue_bot',
    );
  if (!missing) return decide('all_set', ALL_SET[language], null, 'qualifying', 'continue_bot');
  return decide(
    'question',
    `${acknowledgement(language, name, input.userMessageCount)} ${question(missing)}`,
    missing,
    'qualifying',
    'continue_bot',
  );
}

/** A model Brain's facts fill gaps; what the customer told the rules engine is kept. */
/** The Brain answers in its own (snake_case) JSON; ARI's categories are camelCase. */
function fromBrainPoints({ basic_info: basicInfo, ...rest }: BrainOutput['points']): CategoryPoints {
  return { basicInfo, ...rest };
}

function withBrainFacts(facts: LeadFacts, assessment: BrainOutput): LeadFacts {
  const f = assessment.facts;
  return {
    ...facts,
    name: facts.name ?? f.name ?? undefined,
    email: facts.email ?? f.email ?? undefined,
    destination: facts.destination ?? f.destination ?? undefined,
    educationLevel: facts.educationLevel ?? f.education_level ?? undefined,
    budget: facts.budget ?? f.budget ?? undefined,
  };
}

export { renderGreeting };

/**
 * What the engine reads of one message: a bounded prefix of its text; for an image
 * or document, its caption and file name too ("IELTS_Budi.pdf" names a document).
 */
function readableText(message: TurnMessage): string {
  const { media } = message;
  if (media && (media.kind === 'image' || media.kind === 'document')) {
    const filename = (media.filename ?? '').slice(0, 200).replace(/[_.-]/g, ' ');
    return boundedText(`[${media.kind}] ${media.caption ?? ''} ${filename}`);
  }
  return boundedText(message.text);
}

function isQuestion(text: string): boolean {
  return /\?|\b(apa|apakah|bagaimana|gimana|bisa|boleh|dimana|di mana|kapan|what|how|can|could|where|when|do you|is there|are there)\b/i.test(
    text,
  );
}

/** At most two sentences of a knowledge entry: replies stay short. */
function firstSentences(text: string, count = 2): string {
  // A sentence ends at . ! ? followed by a space: "Rp 5.000.000" stays whole.
  return text
    .split(/(?<=[.!?])\s+/)
    .slice(0, count)
    .join(' ')
    .trim();
}

function explain(lead: LeadScore, facts: LeadFacts, weights: ScoringWeights): string {
  const known = Object.entries(facts)
    .filter(([key, value]) => key !== 'documents' && value !== undefined && value !== false)
    .map(([key]) => key);
  const documents = Object.entries(facts.documents)
    .filter(([, has]) => has)
    .map(([d]) => d);
  const p = lead.points;
  const fmt = (n: number) => (Math.round(n * 10) / 10).toString();
  return (
    `basic ${fmt(p.basicInfo)}/${weights.basicInfo}, qualification ${fmt(p.qualification)}/${weights.qualification}, ` +
    `documents ${fmt(p.documents)}/${weights.documents}, engagement ${fmt(p.engagement)}/${weights.engagement} = ${lead.score} (${lead.temperature}); ` +
    `known: ${known.join(', ') || 'nothing yet'}; documents: ${documents.join(', ') || 'none'}`
  );
}
