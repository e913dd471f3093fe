/**
 * The rules engine's reading of one customer message, in Indonesian or English,
 * through the playbook: the slot values it states (with the question it answers
 * as context) and the signals it carries. Pure: the clock comes in as an argument.
 * The language itself (yes/no, time, money, names) is in language-words.ts; every
 * business word comes from the playbook.
 */
import { findPhoneNumbersInText } from 'libphonenumber-js';
import type { Language } from '../../core/vocabulary.js';
import { type CompiledSlot, compilePlaybook } from '../playbook/compile-playbook.js';
import { STANDARD_SIGNALS, type Playbook, type SlotKind } from '../playbook/playbook-schema.js';
import { type FactValue, type LeadFacts, UNDECIDED } from '../lead/lead-facts.js';
import {
  AFFIRMED,
  ALL_DOCUMENTS,
  detectLanguage,
  findEmail,
  NEGATED,
  NO,
  parseNumber,
  readMoney,
  readName,
  readTimeline,
  SENT_FILE,
  STANDARD_SIGNAL_WORDS,
  UNSURE,
  YES,
} from './language-words.js';

export interface Reading {
  facts: LeadFacts;
  /** The signal ids this message carries. */
  signals: Set<string>;
  language: Language | null;
}

/** Kinds whose answer can be "not sure yet" (a name or a document cannot). */
const CAN_BE_UNDECIDED: ReadonlySet<SlotKind> = new Set(['text', 'choice', 'number', 'money', 'timeline']);

export function readMessage(
  playbook: Playbook,
  text: string,
  askedSlot: string | null,
  known: LeadFacts,
  now: Date,
): Reading {
  const compiled = compilePlaybook(playbook);
  const facts: LeadFacts = { ...known };
  const clean = text.trim();
  const lower = clean.toLowerCase();
  const message: Message = {
    clean,
    lower,
    now,
    answer: YES.test(lower) ? true : NO.test(lower) ? false : null,
    unsure: UNSURE.test(lower),
    sentFile: SENT_FILE.test(lower),
  };
  // Of several slots of one kind (two money slots), a bare amount belongs to the one asked,
  // else to the one whose words the message uses, else to the first.
  const target = new Map<SlotKind, string>();
  for (const c of compiled.slots) {
    const { kind, id } = c.slot;
    if (id === askedSlot || (!target.has(kind) && c.words?.test(clean))) target.set(kind, id);
  }
  for (const c of compiled.slots) if (!target.has(c.slot.kind)) target.set(c.slot.kind, c.slot.id);

  let documentNamed = false;
  for (const c of compiled.slots) {
    const asked = c.slot.id === askedSlot;
    const isTarget = target.get(c.slot.kind) === c.slot.id;
    const read = readSlot(c, message, asked, isTarget);
    if (read.named) documentNamed = true;
    if (read.value !== undefined) facts[c.slot.id] = read.value;
  }
  if (ALL_DOCUMENTS.test(lower)) {
    for (const c of compiled.slots) if (c.slot.kind === 'document') facts[c.slot.id] = true;
    documentNamed = true;
  }

  const signals = new Set<string>();
  for (const id of STANDARD_SIGNALS) {
    if (id !== 'documents' && STANDARD_SIGNAL_WORDS[id].test(clean)) signals.add(id);
  }
  for (const [id, matcher] of compiled.signals) {
    if (matcher.words?.test(clean) || matcher.patterns.some((p) => p.find(clean) !== null)) signals.add(id);
  }
  if (documentNamed) signals.add('documents');
  return { facts, signals, language: detectLanguage(clean) };
}

interface Message {
  clean: string;
  lower: string;
  now: Date;
  /** A bare yes (true) or no (false) at the start of the message. */
  answer: boolean | null;
  unsure: boolean;
  /** The message is a file ("[document] IELTS_Budi pdf"). */
  sentFile: boolean;
}

function readSlot(
  c: CompiledSlot,
  message: Message,
  asked: boolean,
  isTarget: boolean,
): { value?: FactValue; named?: boolean } {
  const { slot } = c;
  const { clean, lower } = message;
  const undecided = asked && message.unsure && CAN_BE_UNDECIDED.has(slot.kind) ? UNDECIDED : undefined;
  const named = namedValue(c, message, asked);
  if (named !== undefined && slot.kind !== 'document') return { value: named };
  const fromPattern = c.patterns.map((p) => p.find(clean)).find((v) => v !== null) ?? null;

  switch (slot.kind) {
    case 'name':
      return { value: readName(clean, asked) ?? undefined };
    case 'email': {
      const email = fromPattern ?? (isTarget ? findEmail(clean) : undefined);
      return { value: email?.toLowerCase() };
    }
    case 'phone': {
      const phone = isTarget ? findPhoneNumbersInText(clean, 'ID')[0]?.number.number : undefined;
      return { value: fromPattern ?? phone };
    }
    case 'money':
      return { value: fromPattern ?? (asked || isTarget ? readMoney(clean) : null) ?? undecided };
    case 'number': {
      const written =
        fromPattern ??
        c.numberAfterWords?.exec(lower)?.[1] ??
        c.numberBeforeWords?.exec(lower)?.[1] ??
        (asked ? /^\d{1,9}(?:[.,]\d{1,3}){0,3}$/.exec(lower)?.[0] : null);
      const value = written ? parseNumber(written) : null;
      return { value: value ?? undecided };
    }
    case 'timeline': {
      if (!(asked || isTarget)) return {};
      return { value: readTimeline(lower, asked, message.now) ?? undefined };
    }
    case 'yes_no': {
      if (asked && message.answer !== null) return { value: message.answer };
      if (!(c.words?.test(clean) || fromPattern !== null)) return {};
      // Naming the subject without denying it ("pakai kredit", "mau KPR") says yes.
      return { value: !NEGATED.test(lower) };
    }
    case 'document': {
      const mentioned = c.words?.test(clean) || fromPattern !== null;
      if (!mentioned) return asked && message.answer !== null ? { value: message.answer } : {};
      if (NEGATED.test(lower)) return { value: false, named: true };
      if (AFFIRMED.test(lower) || message.sentFile) return { value: true, named: true };
      return { named: true };
    }
    case 'choice':
      return { value: undecided };
    case 'text': {
      if (fromPattern !== null) return { value: fromPattern };
      if (!asked || message.answer !== null) return { value: undecided };
      return { value: undecided ?? clean.slice(0, 200) };
    }
  }
}

/**
 * A value named by its words ("beasiswa" is the budget "scholarship", "S2" the level
 * "master"); a denied one, or a bare "no" to the question, is the choice meaning no.
 */
function namedValue(c: CompiledSlot, message: Message, asked: boolean): string | undefined {
  const meansNo = c.choices.find((choice) => choice.meansNo);
  for (const choice of c.choices) {
    const match = choice.words?.exec(message.clean);
    if (!match) continue;
    const before = message.lower.slice(Math.max(0, match.index - 20), match.index);
    if (meansNo && NEGATED.test(before)) return meansNo.value;
    return choice.value;
  }
  if (asked && meansNo && message.answer === false) return meansNo.value;
  const meansYes = c.choices.find((choice) => choice.meansYes);
  if (asked && meansYes && message.answer === true) return meansYes.value;
  return undefined;
}
