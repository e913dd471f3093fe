/**
 * The playbook's rubric: points per category, each clamped to its weight; the
 * score is their sum and the temperature comes from the playbook's thresholds —
 * ARI computes both, it never takes a model's word for "hot".
 */
import type { LeadTemperature } from '../../core/vocabulary.js';
import type { Playbook } from '../playbook/playbook-schema.js';
import { holds, type LeadFacts } from './lead-facts.js';

/** Points per rubric category id. */
export type CategoryPoints = Record<string, number>;

export interface LeadScore {
  points: CategoryPoints;
  score: number;
  temperature: LeadTemperature;
}

/** The points a lead's facts and signals earn under the rubric (before clamping). */
export function rubricPoints(
  playbook: Playbook,
  facts: LeadFacts,
  signalsSeen: ReadonlySet<string>,
  customerMessages: number,
): CategoryPoints {
  const points: CategoryPoints = {};
  for (const category of playbook.rubric.categories) {
    let share = 0;
    for (const rule of category.earn) {
      if ('sharePerMessage' in rule) share += rule.sharePerMessage * customerMessages;
      else if (rule.when.every((condition) => holds(condition, facts, signalsSeen))) share += rule.share;
    }
    points[category.id] = Math.min(1, share) * category.weight;
  }
  return points;
}

export function scoreLead(points: CategoryPoints, rubric: Playbook['rubric']): LeadScore {
  const clamped: CategoryPoints = {};
  for (const category of rubric.categories) clamped[category.id] = clamp(points[category.id] ?? 0, category.weight);
  const score = Math.round(Object.values(clamped).reduce((sum, p) => sum + p, 0));
  return { points: clamped, score, temperature: temperatureFor(score, rubric) };
}

function temperatureFor(score: number, thresholds: { hot: number; warm: number }): LeadTemperature {
  return score >= thresholds.hot ? 'hot' : score >= thresholds.warm ? 'warm' : 'cold';
}

function clamp(value: number, max: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), max) : 0;
}
