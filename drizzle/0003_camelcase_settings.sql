-- One casing for every /api/v1 body: the settings kept as jsonb in ari_config, and
-- the lead points kept in a contact's metadata, take the API's camelCase names
-- (timeout_ms → timeoutMs, sample_script → sampleScript, exit_criteria → exitCriteria,
-- basic_info → basicInfo), so what is stored, what the code reads and what the API
-- shows are one shape. Values that are not the expected shape are left as they are
-- (ari doctor reports them).
UPDATE ari_config SET mouth_chain = (
  SELECT coalesce(jsonb_agg(CASE WHEN jsonb_typeof(l) = 'object' AND l ? 'timeout_ms'
    THEN (l - 'timeout_ms') || jsonb_build_object('timeoutMs', l -> 'timeout_ms') ELSE l END ORDER BY i), '[]'::jsonb)
  FROM jsonb_array_elements(mouth_chain) WITH ORDINALITY AS e(l, i))
WHERE jsonb_typeof(mouth_chain) = 'array';
--> statement-breakpoint
UPDATE ari_config SET brain_chain = (
  SELECT coalesce(jsonb_agg(CASE WHEN jsonb_typeof(l) = 'object' AND l ? 'timeout_ms'
    THEN (l - 'timeout_ms') || jsonb_build_object('timeoutMs', l -> 'timeout_ms') ELSE l END ORDER BY i), '[]'::jsonb)
  FROM jsonb_array_elements(brain_chain) WITH ORDINALITY AS e(l, i))
WHERE jsonb_typeof(brain_chain) = 'array';
--> statement-breakpoint
UPDATE ari_config SET flow_stages = (
  SELECT coalesce(jsonb_agg(CASE WHEN jsonb_typeof(s) = 'object'
    THEN (s - 'sample_script' - 'exit_criteria')
      || CASE WHEN s ? 'sample_script' THEN jsonb_build_object('sampleScript', s -> 'sample_script') ELSE '{}'::jsonb END
      || CASE WHEN s ? 'exit_criteria' THEN jsonb_build_object('exitCriteria', s -> 'exit_criteria') ELSE '{}'::jsonb END
    ELSE s END ORDER BY i), '[]'::jsonb)
  FROM jsonb_array_elements(flow_stages) WITH ORDINALITY AS e(s, i))
WHERE jsonb_typeof(flow_stages) = 'array';
--> statement-breakpoint
UPDATE ari_config
SET scoring_weights = (scoring_weights - 'basic_info') || jsonb_build_object('basicInfo', scoring_weights -> 'basic_info')
WHERE jsonb_typeof(scoring_weights) = 'object' AND scoring_weights ? 'basic_info';
--> statement-breakpoint
UPDATE contacts
SET metadata = jsonb_set(metadata, '{lead,points}',
  ((metadata #> '{lead,points}') - 'basic_info') || jsonb_build_object('basicInfo', metadata #> '{lead,points,basic_info}'))
WHERE jsonb_typeof(metadata #> '{lead,points}') = 'object' AND (metadata #> '{lead,points}') ? 'basic_info';
