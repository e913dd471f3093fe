/**
 * Sets aside a paid call's worst case before it is made. The check and the hold
 * happen in one transaction holding the workspace's ari_config row lock, so
 * concurrent calls (any number of processes) take turns and can never together
 * exceed a limit: spent + held + this call ≤ limit, for the month and the day.
 */
import { eq, lte, and } from 'drizzle-orm';
import { usdToPico } from '../prices/compute-cost.js';
import type { BudgetExhaustedAction, BudgetPeriod } from '../core/vocabulary.js';
import { aiBudgetHolds, ariConfig } from '../db/schema.js';
import type { ServiceContext } from '../context/service-context.js';
import { hasLimits, readBudgetState } from './budget-state.js';
import { raiseBudgetAlerts } from './raise-budget-alerts.js';

export type Reservation =
  | { kind: 'unlimited' }
  | { kind: 'held'; holdId: string }
  | { kind: 'refused'; period: BudgetPeriod; action: BudgetExhaustedAction };

export async function reserveBudget(
  ctx: ServiceContext,
  /** amountUsd null: the call's price is unknown, so no budget can admit it. */
  args: { workspaceId: string; amountUsd: string | null; holdForMs: number },
): Promise<Reservation> {
  // Most workspaces have no budget: one plain read, no transaction, no lock.
  const [limits] = await ctx.database.db
    .select({ monthly: ariConfig.budgetMonthlyUsd, daily: ariConfig.budgetDailyUsd })
    .from(ariConfig)
    .where(eq(ariConfig.workspaceId, args.workspaceId));
  if (!limits || (limits.monthly === null && limits.daily === null)) return { kind: 'unlimited' };
  return ctx.database.db.transaction(async (tx) => {
    const state = await readBudgetState(tx, args.workspaceId, { lock: true });
    if (!hasLimits(state)) return { kind: 'unlimited' } as const;
    if (args.amountUsd === null) return { kind: 'refused', period: 'month', action: 'rules' } as const;
    await tx
      .delete(aiBudgetHolds)
      .where(and(eq(aiBudgetHolds.workspaceId, args.workspaceId), lte(aiBudgetHolds.expiresAt, new Date())));
    const committed = usdToPico(state.heldUsd) + usdToPico(args.amountUsd);
    const over = state.periods.find(
      (p) => p.limitUsd !== null && usdToPico(p.spentUsd) + committed > usdToPico(p.limitUsd),
    );
    if (over) {
      await raiseBudgetAlerts(ctx, tx, state, over.period);
      return { kind: 'refused', period: over.period, action: state.action } as const;
    }
    const [hold] = await tx
      .insert(aiBudgetHolds)
      .values({
        workspaceId: args.workspaceId,
        amountUsd: args.amountUsd,
        expiresAt: new Date(Date.now() + args.holdForMs),
      })
      .returning({ id: aiBudgetHolds.id });
    return { kind: 'held', holdId: hold!.id } as const;
  });
}
