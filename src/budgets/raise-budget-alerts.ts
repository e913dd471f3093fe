/**
 * Budget alerts at 50 %, 80 % and 100 % of each limit, once per period: the
 * ai_budget_alerts primary key makes "once" hold across processes. Each new alert
 * is a log line and a notify-webhook job in the caller's transaction; the console
 * shows the period's alerts as a banner.
 */
import { sql } from 'drizzle-orm';
import { usdToPico } from '../prices/compute-cost.js';
import { BUDGET_ALERT_LEVELS, type BudgetPeriod } from '../core/vocabulary.js';
import type { AriTransaction } from '../db/open-database.js';
import { selectRows } from '../db/select-rows.js';
import { queueTeamNotice } from '../handoff/notify-team.js';
import type { ServiceContext } from '../context/service-context.js';
import type { BudgetState } from './budget-state.js';

export async function raiseBudgetAlerts(
  ctx: ServiceContext,
  tx: AriTransaction,
  state: BudgetState,
  /** A period whose budget just refused a call counts as used up. */
  exhausted?: BudgetPeriod,
): Promise<number[]> {
  const raised: number[] = [];
  for (const period of state.periods) {
    if (period.limitUsd === null) continue;
    const limit = usdToPico(period.limitUsd);
    const spent = usdToPico(period.spentUsd);
    const reached = BUDGET_ALERT_LEVELS.filter(
      (level) => spent * 100n >= limit * BigInt(level) || (level === 100 && period.period === exhausted),
    );
    for (const percent of reached) {
      const inserted = await selectRows<{ percent: number }>(
        tx,
        sql`insert into ai_budget_alerts (workspace_id, period, period_start, percent, limit_usd, spent_usd)
            values (${state.workspace.id}, ${period.period}, ${period.start}, ${percent}, ${period.limitUsd}, ${period.spentUsd})
            on conflict do nothing returning percent`,
      );
      if (inserted.length === 0) continue;
      raised.push(percent);
      ctx.logger.warn(
        {
          workspace: state.workspace.slug,
          period: period.period,
          periodStart: period.start,
          percent,
          limitUsd: period.limitUsd,
          spentUsd: period.spentUsd,
        },
        'AI budget alert',
      );
      await queueTeamNotice(ctx, tx, 'budget.alert', {
        workspace: state.workspace,
        period: period.period,
        periodStart: period.start,
        percent,
        limitUsd: period.limitUsd,
        spentUsd: period.spentUsd,
      });
    }
  }
  return raised;
}
