/**
 * The scoring rubric: points per category, each clamped to the workspace's
 * weight; the score is their sum and the temperature comes from the workspace's
 * thresholds — ARI computes both, it never takes a model's word for "hot".
 */
import type { ScoringWeights } from '../../core/assistant-settings.js';
import type { LeadTemperature } from '../../core/vocabulary.js';
import { DOCUMENTS, type LeadFacts } from './lead-facts.js';

export type CategoryPoints = ScoringWeights;

export interface LeadScore {
  points: CategoryPoints;
  score: number;
  temperature: LeadTemperature;
}

/** The share (0–1) of each category a lead's facts earn under the rubric. */
export function rubricShares(facts: LeadFacts, userMessages: number, wantsToBook: boolean): CategoryPoints {
  const basic = [facts.name, facts.email, facts.destination].filter(Boolean).length / 3;
  const english = facts.englishTest;
  const englishShare =
    !english || english.test === 'none' ? 0 : english.score === undefined ? 0.5 : meetsIelts65(english) ? 1 : 0.6;
  // A start two or more years away, or "later", earns nothing for timeline.
  const timelineShare = facts.timelineLater
    ? 0
    : facts.timelineYears === undefined
      ? 0
      : facts.timelineYears >= 2
        ? 0
        : 1;
  const budgetShare = facts.budget === undefined || facts.budget === 'undecided' ? 0 : 1;
  const qualification =
    0.3 * budgetShare + 0.25 * timelineShare + 0.25 * englishShare + 0.2 * (facts.educationLevel ? 1 : 0);
  const documents = DOCUMENTS.filter((d) => facts.documents[d] === true).length / DOCUMENTS.length;
  const engagement = wantsToBook ? 1 : Math.min(1, userMessages / 6);
  return { basicInfo: basic, qualification, documents, engagement };
}

function meetsIelts65(test: NonNullable<LeadFacts['englishTest']>): boolean {
  const score = test.score ?? 0;
  if (test.test === 'IELTS') return score >= 6.5;
  if (test.test === 'TOEFL') return score >= 79; // iBT equivalent of IELTS 6.5
  if (test.test === 'PTE') return score >= 58;
  return false;
}

export function scoreLead(
  points: CategoryPoints,
  weights: ScoringWeights,
  thresholds: { hot: number; warm: number },
): LeadScore {
  const clamped: CategoryPoints = {
    basicInfo: clamp(points.basicInfo, weights.basicInfo),
    qualification: clamp(points.qualification, weights.qualification),
    documents: clamp(points.documents, weights.documents),
    engagement: clamp(points.engagement, weights.engagement),
  };
  const score = Math.round(clamped.basicInfo + clamped.qualification + clamped.documents + clamped.engagement);
  return { points: clamped, score, temperature: temperatureFor(score, thresholds) };
}

/** Points from shares: each category's share of its weight. */
export function pointsFromShares(shares: CategoryPoints, weights: ScoringWeights): CategoryPoints {
  return {
    basicInfo: shares.basicInfo * weights.basicInfo,
    qualification: shares.qualification * weights.qualification,
    documents: shares.documents * weights.documents,
    engagement: shares.engagement * weights.engagement,
  };
}

export function temperatureFor(score: number, thresholds: { hot: number; warm: number }): LeadTemperature {
  return score >= thresholds.hot ? 'hot' : score >= thresholds.warm ? 'warm' : 'cold';
}

function clamp(value: number, max: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), max) : 0;
}
