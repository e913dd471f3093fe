CREATE TABLE "ai_usage" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"ai_type" text NOT NULL,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"cached_input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"reasoning_tokens" integer DEFAULT 0 NOT NULL,
	"cost_usd" numeric(20, 12) DEFAULT '0' NOT NULL,
	"latency_ms" integer,
	"outcome" text DEFAULT 'ok' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ai_usage_ai_type_valid" CHECK ("ai_usage"."ai_type" in ('mouth', 'brain')),
	CONSTRAINT "ai_usage_outcome_valid" CHECK ("ai_usage"."outcome" in ('ok', 'error', 'timeout', 'rate_limited', 'invalid_output', 'skipped_budget')),
	CONSTRAINT "ai_usage_tokens_nonnegative" CHECK ("ai_usage"."input_tokens" >= 0 and "ai_usage"."cached_input_tokens" >= 0 and "ai_usage"."output_tokens" >= 0 and "ai_usage"."reasoning_tokens" >= 0),
	CONSTRAINT "ai_usage_cost_nonnegative" CHECK ("ai_usage"."cost_usd" >= 0)
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text DEFAULT 'default' NOT NULL,
	"prefix" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "ari_config" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"bot_name" text DEFAULT 'Ari' NOT NULL,
	"language" text DEFAULT 'id' NOT NULL,
	"persona" text DEFAULT '' NOT NULL,
	"tone" text DEFAULT '' NOT NULL,
	"greeting_template" text DEFAULT '' NOT NULL,
	"community_link" text,
	"consultation_offer" text,
	"flow_stages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"knowledge_entries" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"scoring_weights" jsonb NOT NULL,
	"hot_threshold" integer DEFAULT 70 NOT NULL,
	"warm_threshold" integer DEFAULT 40 NOT NULL,
	"mouth_chain" jsonb,
	"brain_chain" jsonb,
	"budget_monthly_usd" numeric(14, 4),
	"budget_daily_usd" numeric(14, 4),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ari_config_workspace_unique" UNIQUE("workspace_id"),
	CONSTRAINT "ari_config_language_valid" CHECK ("ari_config"."language" in ('id', 'en')),
	CONSTRAINT "ari_config_thresholds_ordered" CHECK ("ari_config"."hot_threshold" > "ari_config"."warm_threshold"),
	CONSTRAINT "ari_config_thresholds_range" CHECK ("ari_config"."warm_threshold" >= 0 and "ari_config"."hot_threshold" <= 100),
	CONSTRAINT "ari_config_budgets_positive" CHECK (coalesce("ari_config"."budget_monthly_usd", 0) >= 0 and coalesce("ari_config"."budget_daily_usd", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "ari_conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"channel" text DEFAULT 'sandbox' NOT NULL,
	"state" text DEFAULT 'greeting' NOT NULL,
	"lead_score" integer,
	"lead_temperature" text,
	"next_action" text,
	"mode" text DEFAULT 'ai' NOT NULL,
	"handoff_reason" text,
	"last_inbound_at" timestamp with time zone,
	"last_message_at" timestamp with time zone,
	"unread_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ari_conversations_workspace_contact_unique" UNIQUE("workspace_id","contact_id"),
	CONSTRAINT "ari_conversations_workspace_id_id_unique" UNIQUE("workspace_id","id"),
	CONSTRAINT "ari_conversations_state_valid" CHECK ("ari_conversations"."state" in ('greeting', 'qualifying', 'scheduling', 'handoff')),
	CONSTRAINT "ari_conversations_lead_score_range" CHECK ("ari_conversations"."lead_score" between 0 and 100),
	CONSTRAINT "ari_conversations_lead_temperature_valid" CHECK ("ari_conversations"."lead_temperature" in ('hot', 'warm', 'cold')),
	CONSTRAINT "ari_conversations_next_action_valid" CHECK ("ari_conversations"."next_action" in ('continue_bot', 'offer_consultation', 'offer_community', 'handoff_human')),
	CONSTRAINT "ari_conversations_mode_valid" CHECK ("ari_conversations"."mode" in ('ai', 'human')),
	CONSTRAINT "ari_conversations_channel_valid" CHECK ("ari_conversations"."channel" in ('kapso', 'meta', 'sandbox')),
	CONSTRAINT "ari_conversations_unread_nonnegative" CHECK ("ari_conversations"."unread_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ari_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"role" text NOT NULL,
	"direction" text NOT NULL,
	"content" text NOT NULL,
	"type" text DEFAULT 'text' NOT NULL,
	"provider_message_id" text,
	"status" text NOT NULL,
	"error" text,
	"model" text,
	"response_time_ms" integer,
	"answered_at" timestamp with time zone,
	"send_started_at" timestamp with time zone,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ari_messages_provider_message_unique" UNIQUE("workspace_id","provider_message_id"),
	CONSTRAINT "ari_messages_role_valid" CHECK ("ari_messages"."role" in ('user', 'assistant', 'human', 'system')),
	CONSTRAINT "ari_messages_direction_valid" CHECK ("ari_messages"."direction" in ('inbound', 'outbound')),
	CONSTRAINT "ari_messages_status_valid" CHECK ("ari_messages"."status" in ('received', 'pending', 'sending', 'sent', 'delivered', 'read', 'failed')),
	CONSTRAINT "ari_messages_role_matches_direction" CHECK (("ari_messages"."role" = 'user') = ("ari_messages"."direction" = 'inbound'))
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"phone" text NOT NULL,
	"name" text,
	"lead_score" integer,
	"lead_status" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contacts_workspace_phone_unique" UNIQUE("workspace_id","phone"),
	CONSTRAINT "contacts_workspace_id_id_unique" UNIQUE("workspace_id","id"),
	CONSTRAINT "contacts_phone_e164" CHECK ("contacts"."phone" ~ '^\+[1-9][0-9]{6,14}$'),
	CONSTRAINT "contacts_lead_score_range" CHECK ("contacts"."lead_score" between 0 and 100),
	CONSTRAINT "contacts_lead_status_valid" CHECK ("contacts"."lead_status" in ('new', 'cold', 'warm', 'hot'))
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"kapso_phone_id" text,
	"kapso_api_key_ciphertext" text,
	"timezone" text DEFAULT 'Asia/Jakarta' NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspaces_slug_unique" UNIQUE("slug"),
	CONSTRAINT "workspaces_kapso_phone_id_unique" UNIQUE("kapso_phone_id"),
	CONSTRAINT "workspaces_slug_format" CHECK ("workspaces"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "workspaces_name_not_blank" CHECK (length(btrim("workspaces"."name")) > 0)
);
--> statement-breakpoint
ALTER TABLE "ai_usage" ADD CONSTRAINT "ai_usage_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_usage" ADD CONSTRAINT "ai_usage_conversation_fk" FOREIGN KEY ("workspace_id","conversation_id") REFERENCES "public"."ari_conversations"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ari_config" ADD CONSTRAINT "ari_config_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ari_conversations" ADD CONSTRAINT "ari_conversations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ari_conversations" ADD CONSTRAINT "ari_conversations_contact_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ari_messages" ADD CONSTRAINT "ari_messages_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ari_messages" ADD CONSTRAINT "ari_messages_conversation_fk" FOREIGN KEY ("workspace_id","conversation_id") REFERENCES "public"."ari_conversations"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ai_usage_by_workspace" ON "ai_usage" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "ai_usage_by_workspace_type" ON "ai_usage" USING btree ("workspace_id","ai_type");--> statement-breakpoint
CREATE INDEX "ai_usage_by_conversation" ON "ai_usage" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "api_keys_by_workspace" ON "api_keys" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "ari_conversations_by_workspace_recent" ON "ari_conversations" USING btree ("workspace_id","last_message_at");--> statement-breakpoint
CREATE INDEX "ari_messages_by_conversation" ON "ari_messages" USING btree ("conversation_id","created_at");--> statement-breakpoint
CREATE INDEX "ari_messages_unanswered" ON "ari_messages" USING btree ("conversation_id") WHERE "ari_messages"."direction" = 'inbound' and "ari_messages"."answered_at" is null;