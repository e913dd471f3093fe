/**
 * One workspace's AI usage over a range of its local days: totals, groups (by
 * Mouth/Brain, model, day or conversation), cost per conversation, per hot
 * lead and per booked consultation, unpriced models, and where its budgets stand. Everything is summed in SQL
 * from the daily rollups, so a report reads hundreds of rows, not millions, and
 * its totals equal the ai_usage rows to the last digit.
 */
import { sql, type SQL } from 'drizzle-orm';
import { formatPico, usdToPico } from '../prices/compute-cost.js';
import { readBudgetState } from '../budgets/budget-state.js';
import { parseInput } from '../core/parse-input.js';
import type { AriDatabase } from '../db/open-database.js';
import { selectRows } from '../db/select-rows.js';
import { getWorkspaceBySlug } from '../workspaces/get-workspace-by-slug.js';
import { readFigures, ROLLUP_FIGURES, type FiguresRow, type UsageFigures } from './usage-figures.js';
import { resolveRange, usageReportInput, type UsageGroup, type UsageReportInput } from './usage-input.js';

export interface UsageGroupLine extends UsageFigures {
  key: string;
  /** Day groups: the day's cost split between the Mouth and the Brain. */
  mouthCostUsd?: string;
  brainCostUsd?: string;
  /** Conversation groups: who the conversation is with. */
  contact?: { name: string | null; phone: string; leadStatus: string | null; leadScore: number | null };
}

export interface BudgetLine {
  period: 'month' | 'day';
  start: string;
  limitUsd: string;
  spentUsd: string;
  percent: number;
  alerts: number[];
}

export interface UsageReport {
  workspace: { slug: string; name: string; timezone: string };
  from: string;
  to: string;
  groupBy: UsageGroup | null;
  totals: UsageFigures;
  conversations: number;
  costPerConversationUsd: string | null;
  hotLeads: number;
  costPerHotLeadUsd: string | null;
  /** Consultations booked on the report's days and not cancelled since (a moved one counts once). */
  bookings: number;
  costPerBookingUsd: string | null;
  groups: UsageGroupLine[];
  /** Conversation groups beyond `limit` (the most expensive are listed). */
  moreGroups: number;
  unpricedModels: Array<{ provider: string; model: string; calls: number }>;
  budgets: BudgetLine[];
  heldUsd: string;
}

export async function getUsageReport(db: AriDatabase, rawInput: UsageReportInput): Promise<UsageReport> {
  const input = parseInput(usageReportInput, rawInput);
  const workspace = await getWorkspaceBySlug(db, input.slug);
  const { from, to } = resolveRange(workspace.timezone, input.from, input.to);
  const tz = workspace.timezone;
  const inRange = sql`r.workspace_id = ${workspace.id} and r.day between ${from}::date and ${to}::date`;

  const [totalsRow] = await selectRows<FiguresRow>(
    db,
    sql`select ${ROLLUP_FIGURES} from ai_usage_rollup r where ${inRange}`,
  );
  const totals = readFigures(totalsRow!);
  const [reach] = await selectRows<{ conversations: string; hot_leads: string; bookings: string }>(
    db,
    sql`select
          (select count(distinct r.conversation_id) from ai_usage_conversation_rollup r where ${inRange})::text as conversations,
          (select count(*) from contacts k
             join ari_conversations c on c.workspace_id = k.workspace_id and c.contact_id = k.id
           where k.workspace_id = ${workspace.id} and k.lead_status = 'hot'
             and exists (select 1 from ai_usage_conversation_rollup r
                         where ${inRange} and r.conversation_id = c.id))::text as hot_leads,
          -- A move cancels the old booking and makes a new one: only the standing one counts.
          (select count(*) from bookings b
           where b.workspace_id = ${workspace.id} and b.status <> 'cancelled'
             and (b.created_at at time zone ${tz})::date between ${from}::date and ${to}::date)::text as bookings`,
  );
  const conversations = Number(reach!.conversations);
  const hotLeads = Number(reach!.hot_leads);
  const bookings = Number(reach!.bookings);
  const unpriced = await selectRows<{ provider: string; model: string; calls: string }>(
    db,
    sql`select r.provider, r.model, sum(r.calls)::text as calls from ai_usage_rollup r
        where ${inRange} and r.unpriced and r.outcome <> 'skipped_budget' group by 1, 2 order by 1, 2`,
  );
  const { groups, more } = input.groupBy
    ? await groupLines(db, input.groupBy, inRange, workspace.id, input.limit)
    : { groups: [], more: 0 };
  const budget = await budgetLines(db, workspace.id);

  return {
    workspace: { slug: workspace.slug, name: workspace.name, timezone: tz },
    from,
    to,
    groupBy: input.groupBy ?? null,
    totals,
    conversations,
    costPerConversationUsd: perUnit(totals.costUsd, conversations),
    hotLeads,
    costPerHotLeadUsd: perUnit(totals.costUsd, hotLeads),
    bookings,
    costPerBookingUsd: perUnit(totals.costUsd, bookings),
    groups,
    moreGroups: more,
    unpricedModels: unpriced.map((u) => ({ provider: u.provider, model: u.model, calls: Number(u.calls) })),
    ...budget,
  };
}

async function groupLines(
  db: AriDatabase,
  groupBy: UsageGroup,
  inRange: SQL,
  workspaceId: string,
  limit: number,
): Promise<{ groups: UsageGroupLine[]; more: number }> {
  if (groupBy === 'conversation') return conversationLines(db, inRange, workspaceId, limit);
  const key =
    groupBy === 'type'
      ? sql`r.ai_type`
      : groupBy === 'model'
        ? sql`r.provider || '/' || r.model`
        : sql`to_char(r.day, 'YYYY-MM-DD')`;
  // Days also carry the Mouth / Brain split (the console's stacked chart).
  const split =
    groupBy === 'day'
      ? sql`, coalesce(sum(r.cost_usd) filter (where r.ai_type = 'mouth'), 0)::numeric(24, 12)::text as mouth_cost_usd,
            coalesce(sum(r.cost_usd) filter (where r.ai_type = 'brain'), 0)::numeric(24, 12)::text as brain_cost_usd`
      : sql``;
  const rows = await selectRows<FiguresRow & { key: string; mouth_cost_usd?: string; brain_cost_usd?: string }>(
    db,
    sql`select ${key} as key, ${ROLLUP_FIGURES} ${split} from ai_usage_rollup r where ${inRange} group by 1 order by 1`,
  );
  return {
    groups: rows.map(({ mouth_cost_usd, brain_cost_usd, ...row }) => ({
      key: row.key,
      ...readFigures(row),
      ...(groupBy === 'day' ? { mouthCostUsd: mouth_cost_usd!, brainCostUsd: brain_cost_usd! } : {}),
    })),
    more: 0,
  };
}

const CONVERSATION_FIGURES = sql.raw(`
  sum(r.calls)::text as calls, sum(r.failed_calls)::text as failed_calls, sum(r.skipped_by_budget)::text as skipped_by_budget,
  sum(r.unpriced_calls)::text as unpriced_calls, sum(r.input_tokens)::text as input_tokens,
  sum(r.cached_input_tokens)::text as cached_input_tokens, sum(r.output_tokens)::text as output_tokens,
  sum(r.reasoning_tokens)::text as reasoning_tokens, sum(r.cost_usd)::text as cost_usd`);

/** The most expensive conversations: ranked on cost alone, then full figures for those only. */
async function conversationLines(
  db: AriDatabase,
  inRange: SQL,
  workspaceId: string,
  limit: number,
): Promise<{ groups: UsageGroupLine[]; more: number }> {
  const rows = await selectRows<
    FiguresRow & {
      key: string;
      total: string;
      name: string | null;
      phone: string;
      lead_status: string | null;
      lead_score: number | null;
    }
  >(
    db,
    sql`with per_conversation as (
          select r.conversation_id, sum(r.cost_usd) as cost from ai_usage_conversation_rollup r where ${inRange} group by 1),
        top as (select conversation_id, cost, count(*) over () as total from per_conversation order by cost desc, conversation_id limit ${limit})
        select top.conversation_id::text as key, top.total::text as total, ${CONVERSATION_FIGURES},
          -- a customer without a phone is shown by their WhatsApp username (or BSUID)
          k.name, coalesce(k.phone, '@' || k.username, k.bsuid) as phone, k.lead_status, k.lead_score
        from top
        join ai_usage_conversation_rollup r on ${inRange} and r.conversation_id = top.conversation_id
        join ari_conversations c on c.workspace_id = ${workspaceId} and c.id = top.conversation_id
        join contacts k on k.workspace_id = ${workspaceId} and k.id = c.contact_id
        group by top.conversation_id, top.total, top.cost, k.name, k.phone, k.username, k.bsuid, k.lead_status, k.lead_score
        order by top.cost desc, top.conversation_id`,
  );
  const total = rows.length > 0 ? Number(rows[0]!.total) : 0;
  return {
    groups: rows.map((row) => ({
      key: row.key,
      contact: { name: row.name, phone: row.phone, leadStatus: row.lead_status, leadScore: row.lead_score },
      ...readFigures(row),
    })),
    more: Math.max(0, total - rows.length),
  };
}

async function budgetLines(db: AriDatabase, workspaceId: string): Promise<{ budgets: BudgetLine[]; heldUsd: string }> {
  const state = await readBudgetState(db, workspaceId);
  if (!state) return { budgets: [], heldUsd: '0.000000000000' };
  const [month, day] = state.periods;
  const alerts = await selectRows<{ period: string; percent: number }>(
    db,
    sql`select period, percent from ai_budget_alerts
        where workspace_id = ${workspaceId}
          and ((period = 'month' and period_start = ${month!.start}::date) or (period = 'day' and period_start = ${day!.start}::date))
        order by percent`,
  );
  const budgets = state.periods.flatMap((p) =>
    p.limitUsd === null
      ? []
      : [
          {
            period: p.period,
            start: p.start,
            limitUsd: p.limitUsd,
            spentUsd: p.spentUsd,
            percent: percentOf(p.spentUsd, p.limitUsd),
            alerts: alerts.filter((a) => a.period === p.period).map((a) => a.percent),
          },
        ],
  );
  return { budgets, heldUsd: state.heldUsd };
}

/** Exact division, truncated to 12 decimals. */
function perUnit(costUsd: string, count: number): string | null {
  return count === 0 ? null : formatPico(usdToPico(costUsd) / BigInt(count));
}

/** Percent of the limit, one decimal. */
function percentOf(spentUsd: string, limitUsd: string): number {
  const limit = usdToPico(limitUsd);
  return limit === 0n ? 100 : Number((usdToPico(spentUsd) * 1000n) / limit) / 10;
}
