-- Keeps ai_usage_rollup and ai_usage_conversation_rollup equal to the sums of
-- ai_usage (the conversation rollup counts calls made, not those the budget skipped), in the same transaction as every insert. Usage rows are history:
-- they are never updated, so only inserts need rolling up.
CREATE FUNCTION ai_usage_roll_up() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  b timestamptz := date_bin('15 minutes', NEW.created_at, timestamptz '2000-01-01 00:00:00+00');
BEGIN
  INSERT INTO ai_usage_rollup AS r (workspace_id, bucket, ai_type, provider, model, outcome, unpriced,
      calls, input_tokens, cached_input_tokens, output_tokens, reasoning_tokens, cost_usd)
    VALUES (NEW.workspace_id, b, NEW.ai_type, NEW.provider, NEW.model, NEW.outcome, NEW.unpriced,
      1, NEW.input_tokens, NEW.cached_input_tokens, NEW.output_tokens, NEW.reasoning_tokens, NEW.cost_usd)
    ON CONFLICT ON CONSTRAINT ai_usage_rollup_pk DO UPDATE SET
      calls = r.calls + 1,
      input_tokens = r.input_tokens + EXCLUDED.input_tokens,
      cached_input_tokens = r.cached_input_tokens + EXCLUDED.cached_input_tokens,
      output_tokens = r.output_tokens + EXCLUDED.output_tokens,
      reasoning_tokens = r.reasoning_tokens + EXCLUDED.reasoning_tokens,
      cost_usd = r.cost_usd + EXCLUDED.cost_usd;
  IF NEW.conversation_id IS NOT NULL THEN
    INSERT INTO ai_usage_conversation_rollup AS r (workspace_id, conversation_id, bucket,
        calls, failed_calls, skipped_by_budget, unpriced_calls,
        input_tokens, cached_input_tokens, output_tokens, reasoning_tokens, cost_usd)
      VALUES (NEW.workspace_id, NEW.conversation_id, b,
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
-- Rows written before this migration.
INSERT INTO ai_usage_rollup (workspace_id, bucket, ai_type, provider, model, outcome, unpriced,
    calls, input_tokens, cached_input_tokens, output_tokens, reasoning_tokens, cost_usd)
  SELECT workspace_id, date_bin('15 minutes', created_at, timestamptz '2000-01-01 00:00:00+00'), ai_type, provider, model, outcome, unpriced,
    count(*), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens), sum(reasoning_tokens), sum(cost_usd)
  FROM ai_usage GROUP BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
INSERT INTO ai_usage_conversation_rollup (workspace_id, conversation_id, bucket,
    calls, failed_calls, skipped_by_budget, unpriced_calls,
    input_tokens, cached_input_tokens, output_tokens, reasoning_tokens, cost_usd)
  SELECT workspace_id, conversation_id, date_bin('15 minutes', created_at, timestamptz '2000-01-01 00:00:00+00'),
    count(*) FILTER (WHERE outcome <> 'skipped_budget'), count(*) FILTER (WHERE outcome NOT IN ('ok', 'skipped_budget')),
    count(*) FILTER (WHERE outcome = 'skipped_budget'), count(*) FILTER (WHERE unpriced AND outcome <> 'skipped_budget'), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens), sum(reasoning_tokens), sum(cost_usd)
  FROM ai_usage WHERE conversation_id IS NOT NULL GROUP BY 1, 2, 3;
