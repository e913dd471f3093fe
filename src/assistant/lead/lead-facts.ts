/**
 * What the assistant knows about a lead (contacts.metadata.facts): one value per
 * playbook slot id. A slot answered with "not sure yet" is undecided: known (not
 * asked again) but worth nothing in the rubric. Facts of slots a playbook no
 * longer has are kept, and simply not read.
 */
import type { Condition, Playbook, PlaybookSlot } from '../playbook/playbook-schema.js';

/** A start: so many years from now, or put off ("later"). */
export interface Timeline {
  years?: number;
  later?: boolean;
}

export const UNDECIDED = { undecided: true } as const;

export type FactValue = string | number | boolean | Timeline | typeof UNDECIDED;
export type LeadFacts = Record<string, FactValue>;

export function isUndecided(value: FactValue | undefined): boolean {
  return typeof value === 'object' && value !== null && 'undecided' in value;
}

/** Known and decided: a value the rubric can score. */
function isDecided(value: FactValue | undefined): value is Exclude<FactValue, typeof UNDECIDED> {
  return value !== undefined && !isUndecided(value);
}

export function holds(condition: Condition, facts: LeadFacts, signalsSeen: ReadonlySet<string>): boolean {
  if ('signal' in condition) return signalsSeen.has(condition.signal);
  const value = facts[condition.slot];
  if (condition.known === false) return value === undefined;
  if (!isDecided(value)) return false;
  if (condition.in && !condition.in.some((v) => sameText(v, value))) return false;
  if (condition.notIn?.some((v) => sameText(v, value))) return false;
  if (condition.is !== undefined && value !== condition.is) return false;
  if (condition.min !== undefined && !(typeof value === 'number' && value >= condition.min)) return false;
  if (condition.max !== undefined && !(typeof value === 'number' && value <= condition.max)) return false;
  if (condition.withinYears !== undefined) {
    const timeline = value as Timeline;
    if (timeline.later || timeline.years === undefined || timeline.years > condition.withinYears) return false;
  }
  return true;
}

function sameText(expected: string, value: FactValue): boolean {
  return typeof value === 'string' && value.toLowerCase() === expected.toLowerCase();
}

/** Answered, or not to be asked (its skipWhen holds). */
export function isSettled(slot: PlaybookSlot, facts: LeadFacts, signalsSeen: ReadonlySet<string>): boolean {
  return (
    facts[slot.id] !== undefined ||
    (slot.skipWhen.length > 0 && slot.skipWhen.every((c) => holds(c, facts, signalsSeen)))
  );
}

export function slotById(playbook: Playbook, id: string | null | undefined): PlaybookSlot | undefined {
  return id ? playbook.slots.find((s) => s.id === id) : undefined;
}

/**
 * Facts stored before playbooks (one fixed study-abroad shape: documents nested,
 * timeline in two fields, the English test as an object) read as slot values.
 */
export function readStoredFacts(stored: unknown): LeadFacts {
  if (typeof stored !== 'object' || stored === null) return {};
  const { documents, timelineYears, timelineLater, englishTest, budget, ...rest } = stored as Record<string, unknown>;
  const facts = { ...rest } as LeadFacts;
  if (typeof documents === 'object' && documents !== null) Object.assign(facts, documents);
  if (timelineLater === true) facts.timeline = { later: true };
  else if (typeof timelineYears === 'number') facts.timeline = { years: timelineYears };
  if (typeof englishTest === 'object' && englishTest !== null) {
    const { test, score } = englishTest as { test?: string; score?: number };
    if (test) facts.englishTest = test;
    if (typeof score === 'number') facts.englishScore = score;
  } else if (englishTest !== undefined) facts.englishTest = englishTest as FactValue;
  if (budget === 'undecided') facts.budget = UNDECIDED;
  else if (budget !== undefined) facts.budget = budget as FactValue;
  return facts;
}
