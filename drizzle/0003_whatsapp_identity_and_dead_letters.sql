CREATE TABLE "dead_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel" text NOT NULL,
	"workspace_id" uuid,
	"phone_number_id" text,
	"reason" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"raw" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"replayed_at" timestamp with time zone,
	CONSTRAINT "dead_letters_channel_valid" CHECK ("dead_letters"."channel" in ('kapso', 'meta', 'sandbox'))
);
--> statement-breakpoint
ALTER TABLE "contacts" ALTER COLUMN "phone" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "ari_messages" ADD COLUMN "media" jsonb;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "bsuid" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "parent_bsuid" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "username" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "marketing_opt_out_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dead_letters" ADD CONSTRAINT "dead_letters_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dead_letters_recent" ON "dead_letters" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "dead_letters_by_workspace" ON "dead_letters" USING btree ("workspace_id","created_at");--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_workspace_bsuid_unique" UNIQUE("workspace_id","bsuid");--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_workspace_username_unique" UNIQUE("workspace_id","username");--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_identified" CHECK ("contacts"."phone" is not null or "contacts"."bsuid" is not null);