/**
 * The offline rules engine's turn: read the customer's latest burst of messages
 * through the workspace's playbook, update the lead's facts, score them with the
 * playbook's rubric (the Brain), then decide what to say and where the
 * conversation goes (the Mouth). No network, no clock, no database: everything
 * comes in as arguments, so it is exhaustively testable and costs nothing.
 */
import type { KnowledgeEntry } from '../../core/assistant-settings.js';
import { boundedText } from '../../core/bounded-text.js';
import { zonedParts } from '../../core/local-time.js';
import type { ConversationState, Language, NextAction } from '../../core/vocabulary.js';
import { advanceState } from '../lead/advance-state.js';
import type { BrainOutput } from '../lead/brain-output.js';
import { currentStage, nextSlotToAsk } from '../lead/current-stage.js';
import { type FactValue, isUndecided, type LeadFacts, slotById } from '../lead/lead-facts.js';
import { type LeadScore, rubricPoints, scoreLead } from '../lead/score-lead.js';
import type { Playbook, PlaybookSlot, RoutingTarget } from '../playbook/playbook-schema.js';
import { findKnowledge, findPricingKnowledge } from './find-knowledge.js';
import { readMessage } from './read-message.js';
import { renderGreeting, tidy } from './render-greeting.js';
import { timeOfDay } from './time-of-day.js';

/** The workspace's own settings the engine reads beside its playbook. */
export interface AssistantSettings {
  /** The workspace's language: its own greeting and offer are in it. */
  language: Language;
  /** The workspace's greeting, used for customers writing its language (else the playbook's). */
  greetingTemplate: string;
  communityLink: string | null;
  /** The workspace's offer sentence, for customers writing its language (else the playbook's). */
  consultationOffer: string | null;
  knowledgeEntries: KnowledgeEntry[];
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
  playbook: Playbook;
  settings: AssistantSettings;
  workspaceName: string;
  timezone: string;
  /** Facts known before this burst (contacts.metadata.facts). */
  facts: LeadFacts | null;
  /** Signals the customer gave earlier in the conversation. */
  signalsSeen: string[];
  state: ConversationState;
  /** The customer's new messages, oldest first. */
  burst: TurnMessage[];
  /** The slot the assistant's previous message asked for, if any. */
  askedSlot: string | null;
  /** Whether the assistant has written to this customer before. */
  greeted: boolean;
  communityOffered: boolean;
  /** Customer messages in the conversation so far, this burst included. */
  userMessageCount: number;
  /** Replies the assistant has sent in this conversation. */
  assistantTurns: number;
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
  | 'media'
  /** A booking step's fixed line (slots offered, booked, moved, cancelled): written by src/booking/chat/, not this engine. */
  | 'booking';

export interface TurnDecision {
  facts: LeadFacts;
  /** Signals of this burst. */
  signals: Set<string>;
  /** Signals of the whole conversation, this burst included. */
  signalsSeen: string[];
  language: Language;
  lead: LeadScore;
  /** The playbook stage the conversation is in after this turn. */
  stage: string;
  state: ConversationState;
  nextAction: NextAction;
  reasoning: string;
  handoffReason: string | null;
  reply: { text: string; kind: ReplyKind; asked: string | null };
}

export function rulesTurn(input: TurnInput): TurnDecision {
  const { settings, playbook } = input;
  const { lines } = playbook;
  let facts = input.facts ?? {};
  let language = input.previousLanguage ?? settings.language;
  const signals = new Set<string>();
  let askedSlot = input.askedSlot;
  for (const message of input.burst) {
    if (message.unheard) continue;
    const reading = readMessage(playbook, readableText(message), askedSlot, facts, input.now);
    facts = reading.facts;
    language = reading.language ?? language;
    for (const signal of reading.signals) signals.add(signal);
    askedSlot = null; // only the first message of a burst answers the previous question
  }
  const signalsSeen = new Set([...input.signalsSeen, ...signals]);
  const lastText = boundedText(input.burst.at(-1)?.text ?? '');
  const { assessment } = input;
  if (assessment) facts = withBrainFacts(playbook, facts, assessment);

  const points = assessment ? assessment.points : rubricPoints(playbook, facts, signalsSeen, input.userMessageCount);
  // ARI sums and classifies; a model's points are clamped to the playbook's weights.
  const lead = scoreLead(points, playbook.rubric);
  const reasoning = assessment ? `brain: ${assessment.reasoning}` : explain(playbook, lead, facts);
  const stage = currentStage(playbook, facts, signalsSeen, lead.temperature);
  const name = typeof facts.name === 'string' ? facts.name.split(' ')[0] : undefined;
  const missing = nextSlotToAsk(playbook, stage, facts, signalsSeen);
  const question = (slot: PlaybookSlot | null) => (slot ? slot.question[language] : '');
  const decide = (
    kind: ReplyKind,
    text: string,
    asked: PlaybookSlot | null,
    nextAction: NextAction,
    handoffReason: string | null = null,
    state: ConversationState = stage.state,
  ): TurnDecision => ({
    facts,
    signals,
    signalsSeen: [...signalsSeen],
    language,
    lead,
    stage: stage.id,
    state: handoffReason ? 'handoff' : advanceState(input.state, state),
    nextAction,
    reasoning,
    handoffReason,
    reply: { text: tidy(text), kind, asked: asked?.id ?? null },
  });
  // A handoff while the team is away says when they are back.
  const handoffLine = (line: Record<Language, string>) => {
    const backAt = quietHoursEnd(playbook.quietHours, input.timezone, input.now);
    return backAt ? lines.handoffQuietHours[language].replace('{time}', backAt) : line[language];
  };
  const handOff = (line: Record<Language, string>, reason: string) =>
    decide('handoff', handoffLine(line), null, 'handoff_human', reason);
  const ask = (kind: ReplyKind, opening: string) =>
    decide(kind, `${opening} ${question(missing)}`, missing, 'continue_bot');
  const acknowledgement = () => {
    const words = lines.acknowledgements[language];
    const thanks = words[input.userMessageCount % words.length]!;
    return `${thanks}${name ? `${language === 'en' ? ',' : ''} ${name}` : ''}.`;
  };
  const knowledgeAnswer = () => {
    const entry = isQuestion(lastText) ? findKnowledge(settings.knowledgeEntries, lastText, 1)[0] : undefined;
    return entry ? ask('knowledge', firstSentences(entry.content)) : null;
  };
  /** Where a routing target leads; null: carry on with the next question. */
  const route = (target: RoutingTarget, handoff: Record<Language, string>, reason: string): TurnDecision | null => {
    switch (target) {
      case 'hand_off':
        return handOff(handoff, reason);
      // The offer, then a human; where the workspace has free slots the reply job lists them
      // instead and keeps the conversation (src/booking/chat/booking-turn.ts).
      case 'offer_booking':
        return decide(
          'consultation',
          `${acknowledgement()} ${ownLine(settings.consultationOffer, lines.offerBooking)}`,
          null,
          'offer_consultation',
          reason,
          'scheduling',
        );
      case 'offer_community':
        if (!settings.communityLink || input.communityOffered) return null;
        return decide(
          'community',
          lines.community[language].replace('{link}', settings.communityLink),
          null,
          'offer_community',
        );
      case 'answer_from_knowledge':
        return knowledgeAnswer();
      case 'continue':
        return null;
    }
  };
  const ownLine = (own: string | null, line: Record<Language, string>) =>
    own && language === settings.language ? own : line[language];

  if (input.forceHandoff) return handOff(lines.handoffHuman, input.forceHandoff);
  if (playbook.maxAiTurns !== null && input.assistantTurns >= playbook.maxAiTurns)
    return handOff(lines.handoffHuman, `the assistant has replied ${input.assistantTurns} times (the playbook's cap)`);
  if (assessment?.next_action === 'handoff_human')
    return handOff(lines.handoffHuman, 'the Brain judged the conversation needs a human');
  const { routing } = playbook;
  const firstRoute = (
    cases: Array<[boolean, RoutingTarget, Record<Language, string>, string]>,
  ): TurnDecision | null => {
    for (const [when, target, line, reason] of cases) {
      const decision = when ? route(target, line, reason) : null;
      if (decision) return decision;
    }
    return null;
  };
  const urgent = firstRoute([
    [signals.has('human_request'), routing.humanRequest, lines.handoffHuman, 'the customer asked for a human'],
    [signals.has('complaint'), routing.complaint, lines.handoffComplaint, 'complaint'],
    ...routing.signals.map((r): [boolean, RoutingTarget, Record<Language, string>, string] => [
      signals.has(r.signal),
      r.to,
      lines.handoffHuman,
      `signal: ${r.signal}`,
    ]),
  ]);
  if (urgent) return urgent;
  if (input.burst.some((m) => m.unheard))
    // Whatever else the burst said, the customer expects an answer to the voice note: ask for it typed,
    // and keep the question that was pending.
    return decide(
      'voice_note',
      lines.voiceNoteUnheard[language],
      slotById(playbook, input.askedSlot) ?? null,
      'continue_bot',
      null,
      input.state,
    );
  if (signals.has('pricing')) {
    const answer = findPricingKnowledge(settings.knowledgeEntries, lastText);
    if (answer) return ask('knowledge', firstSentences(answer.content));
    const routed = route(
      routing.pricingUnknown,
      lines.handoffPricing,
      'pricing question not covered by the knowledge base',
    );
    if (routed) return routed;
  }
  if (lead.temperature === 'hot') {
    const routed = route(routing.hot, lines.handoffHuman, 'hot lead: consultation offered');
    if (routed) return routed;
  }
  if (signals.has('booking')) {
    const routed = route(routing.booking, lines.handoffHuman, 'the customer wants to book');
    if (routed) return routed;
  }
  const bareMedia = input.burst.every((m) => m.media && m.media.kind !== 'audio' && !m.media.caption);
  if (input.burst.length > 0 && bareMedia) return ask('media', lines.mediaReceived[language]);
  if (!input.greeted) {
    const greeting = renderGreeting(ownLine(settings.greetingTemplate, lines.greeting), {
      waktu: timeOfDay(input.timezone, input.now, language),
      nama: name ?? '',
      workspace: input.workspaceName,
    });
    const asks = greeting.trim().endsWith('?');
    return decide(
      'greeting',
      asks ? greeting : `${greeting} ${question(missing)}`,
      asks ? null : missing,
      'continue_bot',
      null,
      'greeting',
    );
  }
  const later = signals.has('browsing') || Object.values(facts).some(isLater);
  if (later && lead.temperature === 'cold') {
    const routed = route(routing.browsing, lines.handoffHuman, 'the customer is only looking');
    if (routed) return routed;
  }
  const knowledge = knowledgeAnswer();
  if (knowledge) return knowledge;
  if (!missing) return decide('all_set', lines.allSet[language], null, 'continue_bot');
  return ask('question', acknowledgement());
}

function isLater(value: FactValue): boolean {
  return typeof value === 'object' && value !== null && 'later' in value && value.later === true;
}

/** "HH:MM" when the team is back, if `now` falls in the playbook's quiet hours; else null. */
function quietHoursEnd(quiet: Playbook['quietHours'], timezone: string, now: Date): string | null {
  if (!quiet) return null;
  const clock = zonedParts(now, timezone).time;
  const inside =
    quiet.from <= quiet.to ? clock >= quiet.from && clock < quiet.to : clock >= quiet.from || clock < quiet.to;
  return inside ? quiet.to : null;
}

/** A model Brain's facts fill gaps; what the customer told the rules engine is kept. */
function withBrainFacts(playbook: Playbook, facts: LeadFacts, assessment: BrainOutput): LeadFacts {
  const merged = { ...facts };
  for (const slot of playbook.slots) {
    const value = assessment.facts[slot.id];
    if (merged[slot.id] !== undefined || value === null || value === undefined) continue;
    // The Brain gives a timeline as years from now.
    merged[slot.id] = slot.kind === 'timeline' && typeof value === 'number' ? { years: value } : value;
  }
  return merged;
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

function explain(playbook: Playbook, lead: LeadScore, facts: LeadFacts): string {
  const fmt = (n: number) => (Math.round(n * 10) / 10).toString();
  const categories = playbook.rubric.categories
    .map((c) => `${c.id} ${fmt(lead.points[c.id] ?? 0)}/${c.weight}`)
    .join(', ');
  const known = playbook.slots
    .filter((slot) => facts[slot.id] !== undefined && facts[slot.id] !== false && !isUndecided(facts[slot.id]))
    .map((slot) => slot.id);
  return `${categories} = ${lead.score} (${lead.temperature}); known: ${known.join(', ') || 'nothing yet'}`;
}
