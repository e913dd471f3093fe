/**
 * The agency's view (admin token): every workspace's AI usage over the same local
 * days, each in its own time zone, most expensive first, plus the grand total.
 */
import { sql } from 'drizzle-orm';
import { formatPico, usdToPico } from '../prices/compute-cost.js';
import { parseInput } from '../core/parse-input.js';
import type { AriDatabase } from '../db/open-database.js';
import { selectRows } from '../db/select-rows.js';
import { readFigures, ROLLUP_FIGURES, type FiguresRow, type UsageFigures } from './usage-figures.js';
import { allWorkspacesUsageInput, type AllWorkspacesUsageInput } from './usage-input.js';

export interface WorkspaceUsageLine extends UsageFigures {
  workspace: { slug: string; name: string; timezone: string };
  from: string;
  to: string;
}

export async function listWorkspacesUsage(
  db: AriDatabase,
  rawInput: AllWorkspacesUsageInput,
): Promise<{ workspaces: WorkspaceUsageLine[]; totalCostUsd: string; totalCalls: number }> {
  const input = parseInput(allWorkspacesUsageInput, rawInput);
  const from = input.from ?? null;
  const to = input.to ?? null;
  const rows = await selectRows<
    FiguresRow & { slug: string; name: string; timezone: string; day_from: string; day_to: string }
  >(
    db,
    sql`select w.slug, w.name, w.timezone, to_char(d.day_from, 'YYYY-MM-DD') as day_from, to_char(d.day_to, 'YYYY-MM-DD') as day_to, f.*
        from workspaces w
        cross join lateral (select coalesce(${to}::date, (now() at time zone w.timezone)::date) as day_to) t
        cross join lateral (select coalesce(${from}::date, date_trunc('month', t.day_to)::date) as day_from, t.day_to) d
        cross join lateral (
          select ${ROLLUP_FIGURES} from ai_usage_rollup r
          where r.workspace_id = w.id and r.day between d.day_from and d.day_to) f
        order by f.cost_usd::numeric desc, w.slug`,
  );
  const lines = rows.map((row) => ({
    workspace: { slug: row.slug, name: row.name, timezone: row.timezone },
    from: row.day_from,
    to: row.day_to,
    ...readFigures(row),
  }));
  return {
    workspaces: lines,
    totalCostUsd: formatPico(lines.reduce((sum, line) => sum + usdToPico(line.costUsd), 0n)),
    totalCalls: lines.reduce((sum, line) => sum + line.calls, 0),
  };
}
