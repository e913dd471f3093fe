/**
 * After a paid call: its hold is released in the same transaction that records
 * the real cost, so "spent + held" never counts a call twice or not at all; then
 * any alert level the new total reached is raised.
 */
import { eq, sql } from 'drizzle-orm';
import type { AriTransaction } from '../db/open-database.js';
import { aiBudgetHolds } from '../db/schema.js';
import type { ServiceContext } from '../context/service-context.js';
import { hasLimits, readBudgetState } from './budget-state.js';
import { raiseBudgetAlerts } from './raise-budget-alerts.js';

export async function settleBudget(
  ctx: ServiceContext,
  tx: AriTransaction,
  workspaceId: string,
  holdId: string,
): Promise<void> {
  await tx.delete(aiBudgetHolds).where(eq(aiBudgetHolds.id, holdId));
  // The rollup follows inserts at commit (migration 0015): the state read below must include this call.
  await tx.execute(sql`set constraints ai_usage_roll_up immediate`);
  const state = await readBudgetState(tx, workspaceId);
  if (hasLimits(state)) await raiseBudgetAlerts(ctx, tx, state);
}
