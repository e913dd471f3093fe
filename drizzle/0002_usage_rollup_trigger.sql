-- Keeps ai_usage_rollup and ai_usage_conversation_rollup equal to the sums of
-- ai_usage per local day of the workspace, in the same transaction as every
-- insert. Usage rows are history: they are never updated, so only inserts roll up.
CREATE FUNCTION ai_usage_roll_up() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d date := (NEW.created_at AT TIME ZONE (SELECT timezone FROM workspaces WHERE id = NEW.workspace_id))::date;
BEGIN
  INSERT INTO ai_usage_rollup AS r (workspace_id, day, ai_type, provider, model, outcome, unpriced,
      calls, input_tokens, cached_input_tokens, output_tokens, reasoning_tokens, cost_usd)
    VALUES (NEW.workspace_id, d, NEW.ai_type, NEW.provider, NEW.model, NEW.outcome, NEW.unpriced,
      1, NEW.input_tokens, NEW.cached_input_tokens, NEW.output_tokens, NEW.reasoning_tokens, NEW.cost_usd)
    ON CONFLICT ON CONSTRAINT ai_usage_rollup_pk DO UPDATE SET
      calls = r.calls + 1,
      input_tokens = r.input_tokens + EXCLUDED.input_tokens,
      cached_input_tokens = r.cached_input_tokens + EXCLUDED.cached_input_tokens,
      output_tokens = r.output_tokens + EXCLUDED.output_tokens,
      reasoning_tokens = r.reasoning_tokens + EXCLUDED.reasoning_tokens,
      cost_usd = r.cost_usd + EXCLUDED.cost_usd;
  IF NEW.conversation_id IS NOT NULL THEN
    INSERT INTO ai_usage_conversation_rollup AS r (workspace_id, conversation_id, day,
        calls, failed_calls, skipped_by_budget, unpriced_calls,
        input_tokens, cached_input_tokens, output_tokens, reasoning_tokens, cost_usd)
      VALUES (NEW.workspace_id, NEW.conversation_id, d,
        (NEW.outcome <> 'skipped_budget')::int, (NEW.outcome NOT IN ('ok', 'skipped_budget'))::int,
        (NEW.outcome = 'skipped_budget')::int, (NEW.unpriced AND NEW.outcome <> 'skipped_budget')::int,
        NEW.input_tokens, NEW.cached_input_tokens, NEW.output_tokens, NEW.reasoning_tokens, NEW.cost_usd)
      ON CONFLICT ON CONSTRAINT ai_usage_conversation_rollup_pk DO UPDATE SET
        calls = r.calls + EXCLUDED.calls,
        failed_calls = r.failed_calls + EXCLUDED.failed_calls,
        skipped_by_budget = r.skipped_by_budget + EXCLUDED.skipped_by_budget,
        unpriced_calls = r.unpriced_calls + EXCLUDED.unpriced_calls,
        input_tokens = r.input_tokens + EXCLUDED.input_tokens,
        cached_input_tokens = r.cached_input_tokens + EXCLUDED.cached_input_tokens,
        output_tokens = r.output_tokens + EXCLUDED.output_tokens,
        reasoning_tokens = r.reasoning_tokens + EXCLUDED.reasoning_tokens,
        cost_usd = r.cost_usd + EXCLUDED.cost_usd;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Recomputes one workspace's rollups from its rows in its current time zone
-- (after the time zone changes, and for rows written before the trigger existed).
CREATE FUNCTION ai_usage_rollup_rebuild(ws uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  tz text := (SELECT timezone FROM workspaces WHERE id = ws);
BEGIN
  DELETE FROM ai_usage_rollup WHERE workspace_id = ws;
  DELETE FROM ai_usage_conversation_rollup WHERE workspace_id = ws;
  INSERT INTO ai_usage_rollup (workspace_id, day, ai_type, provider, model, outcome, unpriced,
      calls, input_tokens, cached_input_tokens, output_tokens, reasoning_tokens, cost_usd)
    SELECT workspace_id, (created_at AT TIME ZONE tz)::date, ai_type, provider, model, outcome, unpriced,
      count(*), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens), sum(reasoning_tokens), sum(cost_usd)
    FROM ai_usage WHERE workspace_id = ws GROUP BY 1, 2, 3, 4, 5, 6, 7;
  INSERT INTO ai_usage_conversation_rollup (workspace_id, conversation_id, day,
      calls, failed_calls, skipped_by_budget, unpriced_calls,
      input_tokens, cached_input_tokens, output_tokens, reasoning_tokens, cost_usd)
    SELECT workspace_id, conversation_id, (created_at AT TIME ZONE tz)::date,
      count(*) FILTER (WHERE outcome <> 'skipped_budget'), count(*) FILTER (WHERE outcome NOT IN ('ok', 'skipped_budget')),
      count(*) FILTER (WHERE outcome = 'skipped_budget'), count(*) FILTER (WHERE unpriced AND outcome <> 'skipped_budget'),
      sum(input_tokens), sum(cached_input_tokens), sum(output_tokens), sum(reasoning_tokens), sum(cost_usd)
    FROM ai_usage WHERE workspace_id = ws AND conversation_id IS NOT NULL GROUP BY 1, 2, 3;
END
$$;
--> statement-breakpoint
CREATE FUNCTION ai_usage_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ai_usage rows are history and cannot be changed';
END
$$;
--> statement-breakpoint
CREATE TRIGGER ai_usage_roll_up AFTER INSERT ON ai_usage FOR EACH ROW EXECUTE FUNCTION ai_usage_roll_up();
--> statement-breakpoint
CREATE TRIGGER ai_usage_history_only BEFORE UPDATE ON ai_usage FOR EACH ROW EXECUTE FUNCTION ai_usage_refuse_change();
--> statement-breakpoint
SELECT ai_usage_rollup_rebuild(id) FROM workspaces;
--> statement-breakpoint
-- Every usage row updates a rollup row: free space on each page lets those be
-- HOT updates, so the small rollup tables do not bloat between autovacuums.
ALTER TABLE ai_usage_rollup SET (fillfactor = 50);
--> statement-breakpoint
ALTER TABLE ai_usage_conversation_rollup SET (fillfactor = 70);
