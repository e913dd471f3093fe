CREATE TABLE "booking_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"offset_minutes" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"message_id" uuid,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_reminders_once" UNIQUE("booking_id","offset_minutes"),
	CONSTRAINT "booking_reminders_status_valid" CHECK ("booking_reminders"."status" in ('scheduled', 'queued', 'skipped', 'cancelled')),
	CONSTRAINT "booking_reminders_offset_valid" CHECK ("booking_reminders"."offset_minutes" between 1 and 10080)
);
--> statement-breakpoint
ALTER TABLE "ari_conversations" DROP CONSTRAINT "ari_conversations_state_valid";--> statement-breakpoint
ALTER TABLE "ari_config" ADD COLUMN "booking_reminders" jsonb DEFAULT '{"offsetsMinutes":[1440,60],"template":null}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "booking_resources" ADD COLUMN "location" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "booking_resources" ADD COLUMN "feed_token_hash" text;--> statement-breakpoint
ALTER TABLE "booking_reminders" ADD CONSTRAINT "booking_reminders_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_reminders" ADD CONSTRAINT "booking_reminders_booking_fk" FOREIGN KEY ("workspace_id","booking_id") REFERENCES "public"."bookings"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_reminders_due" ON "booking_reminders" USING btree ("status","due_at");--> statement-breakpoint
ALTER TABLE "ari_conversations" ADD CONSTRAINT "ari_conversations_state_valid" CHECK ("ari_conversations"."state" in ('greeting', 'qualifying', 'scheduling', 'booked', 'handoff'));