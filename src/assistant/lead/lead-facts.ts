/**
 * What the assistant knows about a lead (kept in contacts.metadata.facts). The
 * slots are asked one at a time, in QUESTION_ORDER, toward the first one missing.
 */
export const DOCUMENTS = ['passport', 'cv', 'english_certificate', 'transcript'] as const;
export type DocumentName = (typeof DOCUMENTS)[number];

export type EducationLevel = 'foundation' | 'diploma' | 'bachelor' | 'master' | 'phd';

export interface LeadFacts {
  name?: string;
  email?: string;
  destination?: string;
  educationLevel?: EducationLevel;
  /** As the customer said it ("500 juta", "AUD 40k"), or "scholarship". */
  budget?: string;
  /** Years from now until the start; "later" when the customer put it off. */
  timelineYears?: number;
  timelineLater?: boolean;
  englishTest?: { test: 'IELTS' | 'TOEFL' | 'PTE' | 'none'; score?: number };
  documents: Partial<Record<DocumentName, boolean>>;
}

export type Slot = 'name' | 'destination' | 'educationLevel' | 'budget' | 'timeline' | 'englishTest' | DocumentName;

export const QUESTION_ORDER: Slot[] = [
  'name',
  'destination',
  'educationLevel',
  'budget',
  'timeline',
  'englishTest',
  ...DOCUMENTS,
];

export function emptyFacts(): LeadFacts {
  return { documents: {} };
}

export function isKnown(facts: LeadFacts, slot: Slot): boolean {
  switch (slot) {
    case 'timeline':
      return facts.timelineYears !== undefined || facts.timelineLater === true;
    case 'englishTest':
      return facts.englishTest !== undefined;
    case 'name':
    case 'destination':
    case 'educationLevel':
    case 'budget':
      return facts[slot] !== undefined;
    default:
      // No English test at all: there is no certificate to ask about.
      if (slot === 'english_certificate' && facts.englishTest?.test === 'none') return true;
      return facts.documents[slot] !== undefined;
  }
}

export function firstMissingSlot(facts: LeadFacts): Slot | null {
  return QUESTION_ORDER.find((slot) => !isKnown(facts, slot)) ?? null;
}
