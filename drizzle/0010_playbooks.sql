ALTER TABLE "ari_config" ADD COLUMN "playbook_id" text DEFAULT 'study-abroad' NOT NULL;--> statement-breakpoint
ALTER TABLE "ari_config" ADD COLUMN "playbook" jsonb;