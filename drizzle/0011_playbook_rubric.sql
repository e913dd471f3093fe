-- The playbook owns the stages, the lead rubric and its thresholds: ari_config's
-- flow_stages, scoring_weights, hot_threshold and warm_threshold go. A workspace
-- whose weights or thresholds were not the defaults (25/35/30/10, hot 70, warm 40)
-- keeps them: they are stored as an upgrade of the study-abroad playbook (the one
-- the assistant followed), which src/playbooks/upgrade-stored-playbook.ts turns into
-- that playbook with these weights and thresholds.
UPDATE "ari_config"
SET "playbook" = jsonb_build_object(
  'upgradeFrom', 'study-abroad',
  'weights', "scoring_weights",
  'hot', "hot_threshold",
  'warm', "warm_threshold")
WHERE "playbook" IS NULL
  AND "playbook_id" = 'study-abroad'
  AND ("scoring_weights" <> '{"basicInfo": 25, "qualification": 35, "documents": 30, "engagement": 10}'::jsonb
    OR "hot_threshold" <> 70 OR "warm_threshold" <> 40);--> statement-breakpoint
ALTER TABLE "ari_config" DROP CONSTRAINT "ari_config_thresholds_ordered";--> statement-breakpoint
ALTER TABLE "ari_config" DROP CONSTRAINT "ari_config_thresholds_range";--> statement-breakpoint
ALTER TABLE "ari_config" DROP COLUMN "flow_stages";--> statement-breakpoint
ALTER TABLE "ari_config" DROP COLUMN "scoring_weights";--> statement-breakpoint
ALTER TABLE "ari_config" DROP COLUMN "hot_threshold";--> statement-breakpoint
ALTER TABLE "ari_config" DROP COLUMN "warm_threshold";
