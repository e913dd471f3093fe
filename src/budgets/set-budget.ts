/**
 * Sets a workspace's AI budgets (USD; null removes a limit) and what happens when
 * a paid call does not fit. Takes effect on the next call.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { BUDGET_EXHAUSTED_ACTIONS } from '../core/vocabulary.js';
import { parseInput } from '../core/parse-input.js';
import { UserError } from '../core/user-error.js';
import type { AriDatabase } from '../db/open-database.js';
import { ariConfig } from '../db/schema.js';
import { getWorkspaceBySlug } from '../workspaces/get-workspace-by-slug.js';
import { slugSchema } from '../workspaces/workspace-input.js';
import { readBudgetState } from './budget-state.js';

const usd = z.coerce
  .number({ error: 'a budget is an amount in USD, e.g. 25 or 2.5' })
  .min(0, 'a budget cannot be negative')
  .max(1_000_000_000, 'a budget must be under 1,000,000,000 USD')
  .refine(
    (v) => Number.isInteger(Math.round(v * 10_000)) && Math.abs(v * 10_000 - Math.round(v * 10_000)) < 1e-6,
    'a budget has at most 4 decimals',
  );

export const setBudgetInput = z
  .object({
    slug: slugSchema,
    monthlyUsd: usd.nullable().optional(),
    dailyUsd: usd.nullable().optional(),
    whenExhausted: z
      .enum(BUDGET_EXHAUSTED_ACTIONS, { error: `when exhausted: ${BUDGET_EXHAUSTED_ACTIONS.join(' or ')}` })
      .optional(),
  })
  .strict()
  .refine(
    (v) => v.monthlyUsd !== undefined || v.dailyUsd !== undefined || v.whenExhausted !== undefined,
    'nothing to change: give a monthly or daily budget or what to do when exhausted',
  );
export type SetBudgetInput = z.input<typeof setBudgetInput>;

export async function setBudget(db: AriDatabase, rawInput: SetBudgetInput) {
  const input = parseInput(setBudgetInput, rawInput);
  const workspace = await getWorkspaceBySlug(db, input.slug);
  const updated = await db
    .update(ariConfig)
    .set({
      ...(input.monthlyUsd !== undefined
        ? { budgetMonthlyUsd: input.monthlyUsd === null ? null : input.monthlyUsd.toFixed(4) }
        : {}),
      ...(input.dailyUsd !== undefined
        ? { budgetDailyUsd: input.dailyUsd === null ? null : input.dailyUsd.toFixed(4) }
        : {}),
      ...(input.whenExhausted ? { budgetExhaustedAction: input.whenExhausted } : {}),
      updatedAt: new Date(),
    })
    .where(eq(ariConfig.workspaceId, workspace.id))
    .returning({ id: ariConfig.id });
  if (updated.length === 0)
    throw new UserError(`workspace "${input.slug}" has no assistant settings; run ari doctor --fix`, 'not_found');
  const state = (await readBudgetState(db, workspace.id))!;
  return {
    workspace: workspace.slug,
    whenExhausted: state.action,
    periods: state.periods.map((p) => ({
      period: p.period,
      start: p.start,
      limitUsd: p.limitUsd,
      spentUsd: p.spentUsd,
    })),
  };
}
