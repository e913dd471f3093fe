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
ALTER TABLE "ari_messages" DROP CONSTRAINT "ari_messages_status_valid";--> statement-breakpoint
ALTER TABLE "ari_messages" ADD COLUMN "answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ari_messages" ADD COLUMN "send_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "kapso_api_key_ciphertext" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_by_workspace" ON "api_keys" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "ari_messages_unanswered" ON "ari_messages" USING btree ("conversation_id") WHERE "ari_messages"."direction" = 'inbound' and "ari_messages"."answered_at" is null;--> statement-breakpoint
ALTER TABLE "ari_messages" ADD CONSTRAINT "ari_messages_status_valid" CHECK ("ari_messages"."status" in ('received', 'pending', 'sending', 'sent', 'delivered', 'read', 'failed'));