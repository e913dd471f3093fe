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
import type { Config } from '../config/config.js';

export interface ContactTurnCounts {
  minute: number;
  day: number;
}

/**
 * The counts as a column, read with the reply job's first statement (a statement fewer per
 * turn on PGlite's one connection).
 */
export function contactTurnCountsColumn(conversation: { id: string; workspaceId: string }) {
  return sql<ContactTurnCounts>`(
    select json_build_object(
             'minute', count(*) filter (where created_at > now() - interval '1 minute'),
             'day', count(*))
      from ai_usage
     where conversation_id = ${conversation.id} and workspace_id = ${conversation.workspaceId}
       and ai_type = 'mouth' and provider <> 'rules' and outcome <> 'skipped_budget'
       and created_at > now() - interval '1 day')`;
}

export function isContactOverTurnLimit(config: Config, counts: ContactTurnCounts | null): boolean {
  const { contactAiTurnsPerMinute: perMinute, contactAiTurnsPerDay: perDay } = config;
  if (perMinute === 0 || perDay === 0) return true;
  return (counts?.minute ?? 0) >= perMinute || (counts?.day ?? 0) >= perDay;
}
