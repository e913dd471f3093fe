/**
 * Per-contact limits on paid AI turns, so one customer (or a script posing as
 * one) cannot spend the workspace's money without end. Counted from ai_usage —
 * the meter already writes one row per model call, so no counter has to be kept
 * in step: the paid Mouth calls of this contact's conversation (one per turn; a
 * link that failed was a paid attempt and counts too) in the last minute and the
 * last 24 hours. Over either limit the turn is the free rules engine's alone.
 * A contact has one conversation per workspace, so the conversation stands for it.
 */
import { sql } from 'drizzle-orm';
import { selectRows } from '../db/select-rows.js';
import type { ServiceContext } from '../context/service-context.js';

export async function isContactOverTurnLimit(
  ctx: ServiceContext,
  conversation: { id: string; workspaceId: string },
): Promise<boolean> {
  const { contactAiTurnsPerMinute: perMinute, contactAiTurnsPerDay: perDay } = ctx.config;
  if (perMinute === 0 || perDay === 0) return true;
  const [counts] = await selectRows<{ minute: number; day: number }>(
    ctx.database.db,
    sql`select count(*) filter (where created_at > now() - interval '1 minute')::int as minute, count(*)::int as day
        from ai_usage
        where conversation_id = ${conversation.id} and workspace_id = ${conversation.workspaceId}
          and ai_type = 'mouth' and provider <> 'rules' and outcome <> 'skipped_budget'
          and created_at > now() - interval '1 day'`,
  );
  return (counts?.minute ?? 0) >= perMinute || (counts?.day ?? 0) >= perDay;
}
