/**
 * A playbook: everything the assistant knows about one kind of business, as data
 * (what to ask, which words mean what, how to score, where each conversation
 * goes, what to say in each language). The engine in src/assistant/ reads only
 * this; the built-in playbooks live in src/playbooks/, a workspace may bring its
 * own. One zod schema validates all of them, and every error names its path.
 */
import { z } from 'zod';
import type { Language } from '../../core/vocabulary.js';
import { BOOKING_LINES } from './booking-lines.js';
import { patternProblem } from './linear-pattern.js';

/** Bumped when a stored playbook needs upgrading to be read. */
const PLAYBOOK_VERSION = 1;

export const SLOT_KINDS = [
  'name',
  'text',
  'choice',
  'number',
  'money',
  'timeline',
  'yes_no',
  'email',
  'phone',
  'document',
] as const;
export type SlotKind = (typeof SLOT_KINDS)[number];

/**
 * The signals the engine always listens for, with its own words in both languages (a
 * playbook may add words). `documents` is raised when a document slot is named.
 */
export const STANDARD_SIGNALS = [
  'greeting',
  'pricing',
  'complaint',
  'human_request',
  'booking',
  'browsing',
  'documents',
] as const;
export type StandardSignal = (typeof STANDARD_SIGNALS)[number];

/** Where a conversation can be sent. */
export const ROUTING_TARGETS = [
  'offer_booking',
  'offer_community',
  'hand_off',
  'answer_from_knowledge',
  'continue',
] as const;
export type RoutingTarget = (typeof ROUTING_TARGETS)[number];

/** The conversation states a stage can stand for (greeting is the first reply, handoff a human's). */
export const STAGE_STATES = ['qualifying', 'scheduling'] as const;

const identifier = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, 'letters, digits and _, starting with a letter, at most 40');
const phrase = z.string().trim().min(1).max(80);
const perLanguage = <T extends z.ZodType>(value: T) => z.object({ id: value, en: value }).strict();
const line = (max = 600) => perLanguage(z.string().trim().min(1).max(max));
type BookingLineId = keyof typeof BOOKING_LINES;
/** Each booking line defaults on its own: a playbook may word only some of them. */
const bookingLines = z
  .object(
    Object.fromEntries(Object.entries(BOOKING_LINES).map(([id, text]) => [id, line().default(text)])) as Record<
      BookingLineId,
      z.ZodDefault<ReturnType<typeof line>>
    >,
  )
  .strict()
  .prefault({});
const words = perLanguage(z.array(phrase).max(200)).default({ id: [], en: [] });
const pattern = z.string().superRefine((source, ctx) => {
  const problem = patternProblem(source);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const patterns = z.array(pattern).max(20).default([]);

const choiceSchema = z
  .object({
    value: z.string().trim().min(1).max(80),
    /** Words and synonyms that mean this value, per language (the value itself always counts). */
    words,
    /** A "no" answer to the slot's question, or a denied value ("belum ada IELTS"), means this value. */
    meansNo: z.boolean().default(false),
    /** A bare "yes" to the slot's question means this value (e.g. "been here before?" → "returning"). */
    meansYes: z.boolean().default(false),
  })
  .strict();

export const slotSchema = z
  .object({
    id: identifier,
    label: line(80),
    /** Asked when this slot is the next one missing. */
    question: line(300),
    kind: z.enum(SLOT_KINDS),
    /** Required slots are asked, in stage order; optional ones are only picked up when offered. */
    required: z.boolean().default(true),
    /** choice: the values and their words. */
    choices: z.array(choiceSchema).max(50).default([]),
    /** Words that name this slot's subject ("umur", "KPR", "paspor"): a number or yes/no next to them is this slot's. */
    words,
    /** Extraction patterns (RE2 syntax, case-insensitive); the first group, or the whole match, is the value. */
    patterns,
    /** Not asked (and counted as settled) while these hold, e.g. no certificate to ask for without a test. */
    skipWhen: z
      .array(z.lazy(() => conditionSchema))
      .max(10)
      .default([]),
  })
  .strict();
export type PlaybookSlot = z.infer<typeof slotSchema>;

/**
 * A condition on what is known. On a slot: by default "known"; with `in`/`notIn`
 * its value is (not) one of these; `min`/`max` bound a number; `is` a yes/no or
 * document; `withinYears` a timeline. On a signal: the customer said it at some
 * point of the conversation.
 */
export const conditionSchema = z.union([
  z
    .object({
      slot: identifier,
      known: z.boolean().optional(),
      in: z.array(z.string().min(1).max(80)).min(1).max(50).optional(),
      notIn: z.array(z.string().min(1).max(80)).min(1).max(50).optional(),
      min: z.number().finite().optional(),
      max: z.number().finite().optional(),
      is: z.boolean().optional(),
      withinYears: z.number().min(0).max(50).optional(),
    })
    .strict(),
  z.object({ signal: identifier }).strict(),
]);
export type Condition = z.infer<typeof conditionSchema>;

const stageSchema = z
  .object({
    id: identifier,
    state: z.enum(STAGE_STATES),
    goal: line(500),
    /** The slots this stage asks for, in order. */
    slots: z.array(identifier).max(50).default([]),
    /** The stage is over when any of these holds (none given: it lasts to the end). */
    exitWhen: z
      .object({
        allKnown: z.array(identifier).max(50).optional(),
        anySignal: z.array(identifier).max(50).optional(),
        leadAtLeast: z.enum(['warm', 'hot']).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();
export type PlaybookStage = z.infer<typeof stageSchema>;

const earnSchema = z.union([
  /** `share` of the category's weight when every condition holds. */
  z.object({ share: z.number().min(0).max(1), when: z.array(conditionSchema).min(1).max(10) }).strict(),
  /** `sharePerMessage` of the weight for each customer message (engagement). */
  z.object({ sharePerMessage: z.number().min(0).max(1) }).strict(),
]);
export type EarnRule = z.infer<typeof earnSchema>;

const categorySchema = z
  .object({
    id: identifier,
    label: line(80),
    weight: z.number().min(0).max(100),
    /** How the category is earned; shares add up and stop at the whole weight. */
    earn: z.array(earnSchema).max(40),
  })
  .strict();
export type RubricCategory = z.infer<typeof categorySchema>;

const signalSchema = z.object({ id: identifier, words, patterns }).strict();
export type PlaybookSignal = z.infer<typeof signalSchema>;

const target = z.enum(ROUTING_TARGETS);

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour');

export const playbookSchema = z
  .object({
    version: z.literal(PLAYBOOK_VERSION),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and -'),
    name: line(80),
    description: line(500),
    slots: z.array(slotSchema).min(1).max(60),
    stages: z.array(stageSchema).min(1).max(12),
    rubric: z
      .object({
        categories: z.array(categorySchema).min(1).max(12),
        hot: z.number().int().min(1).max(100),
        warm: z.number().int().min(0).max(99),
      })
      .strict()
      // Checked here rather than with the references so it is reported beside other errors.
      .superRefine(checkRubric),
    /** Extra words for the standard signals, and the business's own signals. */
    signals: z.array(signalSchema).max(30).default([]),
    routing: z
      .object({
        hot: target,
        browsing: target,
        /** A pricing question the knowledge base cannot answer. */
        pricingUnknown: target,
        complaint: target,
        humanRequest: target,
        booking: target,
        /** The business's own signals. */
        signals: z
          .array(z.object({ signal: identifier, to: target }).strict())
          .max(30)
          .default([]),
      })
      .strict(),
    lines: z
      .object({
        /** {waktu} time of day, {nama} first name, {workspace} business name. */
        greeting: line(),
        /** Thanks words that open a question, one picked per turn ("Baik kak", "Great"). */
        acknowledgements: perLanguage(z.array(z.string().trim().min(1).max(40)).min(1).max(10)),
        /** The offer made when the lead is ready (routing's offer_booking). */
        offerBooking: line(),
        /** {link}: the workspace's community link. */
        community: line(),
        handoffHuman: line(),
        handoffComplaint: line(),
        handoffPricing: line(),
        /** A handoff while the team is away (quiet hours). {time}: when they are back. */
        handoffQuietHours: line(),
        allSet: line(),
        mediaReceived: line(),
        voiceNoteUnheard: line(),
      })
      .strict(),
    /**
     * What is said while booking in the chat (src/booking/chat/): the lists of slots, the
     * confirmation, the move and the cancellation. Optional, so playbooks stored before keep working.
     */
    bookingLines: bookingLines,
    /** When the team is away, in the workspace's time zone; handoffs then say when they are back. */
    quietHours: z.object({ from: clock, to: clock }).strict().nullable().default(null),
    /** After this many assistant replies in one conversation, a human takes over. */
    maxAiTurns: z.number().int().min(1).max(1000).nullable().default(null),
  })
  .strict()
  .superRefine(checkReferences);

export type Playbook = z.infer<typeof playbookSchema>;
export type PlaybookInput = z.input<typeof playbookSchema>;
export type PerLanguage<T> = Record<Language, T>;

/** Every id a playbook uses must be one it defines, and the rubric must add up. */
function checkReferences(playbook: z.infer<typeof playbookSchema>, ctx: z.RefinementCtx): void {
  const issue = (path: Array<string | number>, message: string) => ctx.addIssue({ code: 'custom', path, message });
  const slots = new Map(playbook.slots.map((s) => [s.id, s]));
  const signals = new Set<string>([...STANDARD_SIGNALS, ...playbook.signals.map((s) => s.id)]);
  for (const i of duplicates(playbook.slots.map((s) => s.id))) issue(['slots', i, 'id'], 'used by another slot');
  for (const i of duplicates(playbook.stages.map((s) => s.id))) issue(['stages', i, 'id'], 'used by another stage');
  for (const i of duplicates(playbook.signals.map((s) => s.id))) issue(['signals', i, 'id'], 'used by another signal');

  const checkCondition = (condition: Condition, path: Array<string | number>) => {
    if ('signal' in condition) {
      if (!signals.has(condition.signal)) issue([...path, 'signal'], `no signal "${condition.signal}"`);
      return;
    }
    const slot = slots.get(condition.slot);
    if (!slot) {
      issue([...path, 'slot'], `no slot "${condition.slot}"`);
      return;
    }
    for (const key of ['in', 'notIn'] as const) {
      const values = condition[key];
      if (!values || slot.kind !== 'choice') continue;
      values.forEach((value, i) => {
        if (!slot.choices.some((c) => c.value === value))
          issue([...path, key, i], `"${value}" is not a choice of slot "${slot.id}"`);
      });
    }
  };
  playbook.slots.forEach((slot, i) => {
    if (slot.kind === 'choice' && slot.choices.length === 0)
      issue(['slots', i, 'choices'], 'a choice slot needs choices');
    slot.skipWhen.forEach((c, j) => {
      checkCondition(c, ['slots', i, 'skipWhen', j]);
    });
  });
  playbook.stages.forEach((stage, i) => {
    stage.slots.forEach((id, j) => {
      if (!slots.has(id)) issue(['stages', i, 'slots', j], `no slot "${id}"`);
    });
    stage.exitWhen.allKnown?.forEach((id, j) => {
      if (!slots.has(id)) issue(['stages', i, 'exitWhen', 'allKnown', j], `no slot "${id}"`);
    });
    stage.exitWhen.anySignal?.forEach((id, j) => {
      if (!signals.has(id)) issue(['stages', i, 'exitWhen', 'anySignal', j], `no signal "${id}"`);
    });
  });
  playbook.rubric.categories.forEach((category, i) => {
    category.earn.forEach((rule, j) => {
      if (!('when' in rule)) return;
      rule.when.forEach((c, k) => {
        checkCondition(c, ['rubric', 'categories', i, 'earn', j, 'when', k]);
      });
    });
  });
  playbook.routing.signals.forEach((route, i) => {
    if (!signals.has(route.signal)) issue(['routing', 'signals', i, 'signal'], `no signal "${route.signal}"`);
  });
}

function checkRubric(rubric: { categories: RubricCategory[]; hot: number; warm: number }, ctx: z.RefinementCtx) {
  const issue = (path: Array<string | number>, message: string) => ctx.addIssue({ code: 'custom', path, message });
  for (const i of duplicates(rubric.categories.map((c) => c.id)))
    issue(['categories', i, 'id'], 'used by another category');
  const sum = rubric.categories.reduce((total, c) => total + c.weight, 0);
  if (Math.abs(sum - 100) > 1e-9) issue(['categories'], `the weights sum to ${sum}, not 100`);
  if (rubric.hot <= rubric.warm) issue(['hot'], 'the hot threshold must be above the warm threshold');
}

function duplicates(ids: string[]): number[] {
  return ids.flatMap((id, i) => (ids.indexOf(id) < i ? [i] : []));
}
