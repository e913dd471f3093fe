CREATE TABLE "kapso_reconciliation" (
	"phone_number_id" text PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"reconciled_until" timestamp with time zone NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"failing_since" timestamp with time zone,
	"last_error" text,
	"recovered_total" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ari_config" ADD COLUMN "late_reply_apology" jsonb DEFAULT '{"id":"Maaf kak, baru sempat membalas.","en":"Sorry for the late reply."}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "ari_messages" ADD COLUMN "recovered" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "kapso_reconciliation" ADD CONSTRAINT "kapso_reconciliation_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kapso_reconciliation_by_workspace" ON "kapso_reconciliation" USING btree ("workspace_id");