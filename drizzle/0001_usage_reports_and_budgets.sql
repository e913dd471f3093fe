CREATE TABLE "ai_budget_alerts" (
	"workspace_id" uuid NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"percent" integer NOT NULL,
	"limit_usd" numeric(14, 4) NOT NULL,
	"spent_usd" numeric(24, 12) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ai_budget_alerts_pk" PRIMARY KEY("workspace_id","period","period_start","percent"),
	CONSTRAINT "ai_budget_alerts_period_valid" CHECK ("ai_budget_alerts"."period" in ('month', 'day'))
);
--> statement-breakpoint
CREATE TABLE "ai_budget_holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"amount_usd" numeric(20, 12) NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ai_budget_holds_amount_nonnegative" CHECK ("ai_budget_holds"."amount_usd" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ai_usage_conversation_rollup" (
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"day" date NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"cached_input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"reasoning_tokens" bigint DEFAULT 0 NOT NULL,
	"cost_usd" numeric(24, 12) DEFAULT '0' NOT NULL,
	"failed_calls" integer DEFAULT 0 NOT NULL,
	"skipped_by_budget" integer DEFAULT 0 NOT NULL,
	"unpriced_calls" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ai_usage_conversation_rollup_pk" PRIMARY KEY("workspace_id","day","conversation_id")
);
--> statement-breakpoint
CREATE TABLE "ai_usage_rollup" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
	"ai_type" text NOT NULL,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"outcome" text NOT NULL,
	"unpriced" boolean NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"cached_input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"reasoning_tokens" bigint DEFAULT 0 NOT NULL,
	"cost_usd" numeric(24, 12) DEFAULT '0' NOT NULL,
	CONSTRAINT "ai_usage_rollup_pk" PRIMARY KEY("workspace_id","day","ai_type","provider","model","outcome","unpriced")
);
--> statement-breakpoint
ALTER TABLE "ai_usage" ADD COLUMN "price_entry" text;--> statement-breakpoint
ALTER TABLE "ai_usage" ADD COLUMN "unpriced" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "ari_config" ADD COLUMN "budget_exhausted_action" text DEFAULT 'rules' NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_budget_alerts" ADD CONSTRAINT "ai_budget_alerts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_budget_holds" ADD CONSTRAINT "ai_budget_holds_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_usage_conversation_rollup" ADD CONSTRAINT "ai_usage_conversation_rollup_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_usage_rollup" ADD CONSTRAINT "ai_usage_rollup_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ai_budget_holds_by_workspace" ON "ai_budget_holds" USING btree ("workspace_id","expires_at");--> statement-breakpoint
CREATE INDEX "ai_usage_conversation_rollup_by_conversation" ON "ai_usage_conversation_rollup" USING btree ("workspace_id","conversation_id","day");--> statement-breakpoint
ALTER TABLE "ari_config" ADD CONSTRAINT "ari_config_budget_exhausted_action_valid" CHECK ("ari_config"."budget_exhausted_action" in ('rules', 'handoff'));