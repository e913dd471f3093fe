/**
 * A workspace's budgets as they stand: limits from ari_config, what the current
 * calendar month and day (in the workspace's time zone) have cost so far (from the
 * usage rollup, exact decimals), and what calls in flight hold. `lock` takes the
 * ari_config row FOR UPDATE, which makes reservations of one workspace take turns.
 */
import { sql } from 'drizzle-orm';
import type { BudgetExhaustedAction, BudgetPeriod } from '../core/vocabulary.js';
import type { AriDatabase, AriTransaction } from '../db/open-database.js';
import { selectRows } from '../db/select-rows.js';

export interface PeriodState {
  period: BudgetPeriod;
  /** First day of the period, YYYY-MM-DD in the workspace's time zone. */
  start: string;
  limitUsd: string | null;
  spentUsd: string;
}

export interface BudgetState {
  workspace: { id: string; slug: string };
  action: BudgetExhaustedAction;
  timezone: string;
  heldUsd: string;
  periods: PeriodState[];
}

interface StateRow {
  monthly: string | null;
  daily: string | null;
  action: BudgetExhaustedAction;
  timezone: string;
  month_start: string;
  day_start: string;
  month_spent: string;
  day_spent: string;
  held: string;
}

export async function readBudgetState(
  db: AriDatabase | AriTransaction,
  workspaceId: string,
  options: { lock?: boolean } = {},
): Promise<BudgetState | null> {
  const [config] = await selectRows<{
    monthly: string | null;
    daily: string | null;
    action: BudgetExhaustedAction;
    timezone: string;
    slug: string;
  }>(
    db,
    sql`select c.budget_monthly_usd::text as monthly, c.budget_daily_usd::text as daily, c.budget_exhausted_action as action, w.timezone, w.slug
        from ari_config c join workspaces w on w.id = c.workspace_id
        where c.workspace_id = ${workspaceId} ${options.lock ? sql`for update of c` : sql``}`,
  );
  if (!config) return null;
  const [row] = await selectRows<StateRow>(
    db,
    sql`with today as (select (now() at time zone ${config.timezone})::date as d)
        select to_char(date_trunc('month', d), 'YYYY-MM-DD') as month_start, to_char(d, 'YYYY-MM-DD') as day_start,
          (select coalesce(sum(cost_usd), 0)::numeric(24, 12) from ai_usage_rollup
             where workspace_id = ${workspaceId} and day >= date_trunc('month', d)::date)::text as month_spent,
          (select coalesce(sum(cost_usd), 0)::numeric(24, 12) from ai_usage_rollup
             where workspace_id = ${workspaceId} and day >= d)::text as day_spent,
          (select coalesce(sum(amount_usd), 0)::numeric(20, 12) from ai_budget_holds
             where workspace_id = ${workspaceId} and expires_at > now())::text as held
        from today`,
  );
  return {
    workspace: { id: workspaceId, slug: config.slug },
    action: config.action,
    timezone: config.timezone,
    heldUsd: row!.held,
    periods: [
      { period: 'month', start: row!.month_start, limitUsd: config.monthly, spentUsd: row!.month_spent },
      { period: 'day', start: row!.day_start, limitUsd: config.daily, spentUsd: row!.day_spent },
    ],
  };
}

export function hasLimits(state: BudgetState | null): state is BudgetState {
  if (state === null) return false;
  return state.periods.some((p) => p.limitUsd !== null);
}
