CREATE TABLE "booking_availability" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"weekday" integer NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_availability_workspace_id_id_unique" UNIQUE("workspace_id","id"),
	CONSTRAINT "booking_availability_weekday_valid" CHECK ("booking_availability"."weekday" between 0 and 6),
	CONSTRAINT "booking_availability_start_format" CHECK ("booking_availability"."start_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
	CONSTRAINT "booking_availability_end_format" CHECK ("booking_availability"."end_time" ~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$'),
	CONSTRAINT "booking_availability_ordered" CHECK ("booking_availability"."end_time" > "booking_availability"."start_time")
);
--> statement-breakpoint
CREATE TABLE "booking_exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_exceptions_workspace_id_id_unique" UNIQUE("workspace_id","id"),
	CONSTRAINT "booking_exceptions_ordered" CHECK ("booking_exceptions"."ends_on" >= "booking_exceptions"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "booking_resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'consultant' NOT NULL,
	"slot_minutes" integer DEFAULT 60 NOT NULL,
	"buffer_minutes" integer DEFAULT 0 NOT NULL,
	"capacity" integer DEFAULT 1 NOT NULL,
	"lead_time_minutes" integer DEFAULT 60 NOT NULL,
	"horizon_days" integer DEFAULT 14 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_resources_workspace_id_id_unique" UNIQUE("workspace_id","id"),
	CONSTRAINT "booking_resources_kind_valid" CHECK ("booking_resources"."kind" in ('consultant', 'room')),
	CONSTRAINT "booking_resources_name_not_blank" CHECK (length(btrim("booking_resources"."name")) > 0),
	CONSTRAINT "booking_resources_slot_minutes_valid" CHECK ("booking_resources"."slot_minutes" between 5 and 1440 and "booking_resources"."slot_minutes" % 5 = 0),
	CONSTRAINT "booking_resources_buffer_minutes_valid" CHECK ("booking_resources"."buffer_minutes" between 0 and 1440 and "booking_resources"."buffer_minutes" % 5 = 0),
	CONSTRAINT "booking_resources_capacity_valid" CHECK ("booking_resources"."capacity" between 1 and 100),
	CONSTRAINT "booking_resources_lead_time_valid" CHECK ("booking_resources"."lead_time_minutes" between 0 and 525600),
	CONSTRAINT "booking_resources_horizon_valid" CHECK ("booking_resources"."horizon_days" between 1 and 365)
);
--> statement-breakpoint
CREATE TABLE "booking_seats" (
	"resource_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"seat" integer NOT NULL,
	"workspace_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	CONSTRAINT "booking_seats_pk" PRIMARY KEY("resource_id","at","seat"),
	CONSTRAINT "booking_seats_seat_positive" CHECK ("booking_seats"."seat" >= 1),
	CONSTRAINT "booking_seats_on_grid" CHECK ((extract(epoch from "booking_seats"."at")::bigint % 300) = 0)
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"conversation_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"rescheduled_from" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bookings_workspace_id_id_unique" UNIQUE("workspace_id","id"),
	CONSTRAINT "bookings_status_valid" CHECK ("bookings"."status" in ('booked', 'cancelled', 'attended', 'no_show')),
	CONSTRAINT "bookings_ordered" CHECK ("bookings"."ends_at" > "bookings"."starts_at"),
	CONSTRAINT "bookings_starts_on_grid" CHECK ((extract(epoch from "bookings"."starts_at")::bigint % 300) = 0),
	CONSTRAINT "bookings_ends_on_grid" CHECK ((extract(epoch from "bookings"."ends_at")::bigint % 300) = 0)
);
--> statement-breakpoint
ALTER TABLE "booking_availability" ADD CONSTRAINT "booking_availability_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_availability" ADD CONSTRAINT "booking_availability_resource_fk" FOREIGN KEY ("workspace_id","resource_id") REFERENCES "public"."booking_resources"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_exceptions" ADD CONSTRAINT "booking_exceptions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_exceptions" ADD CONSTRAINT "booking_exceptions_resource_fk" FOREIGN KEY ("workspace_id","resource_id") REFERENCES "public"."booking_resources"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_resources" ADD CONSTRAINT "booking_resources_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_seats" ADD CONSTRAINT "booking_seats_booking_fk" FOREIGN KEY ("workspace_id","booking_id") REFERENCES "public"."bookings"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_seats" ADD CONSTRAINT "booking_seats_resource_fk" FOREIGN KEY ("workspace_id","resource_id") REFERENCES "public"."booking_resources"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_resource_fk" FOREIGN KEY ("workspace_id","resource_id") REFERENCES "public"."booking_resources"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_contact_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_conversation_fk" FOREIGN KEY ("workspace_id","conversation_id") REFERENCES "public"."ari_conversations"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_rescheduled_from_fk" FOREIGN KEY ("workspace_id","rescheduled_from") REFERENCES "public"."bookings"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_availability_by_resource" ON "booking_availability" USING btree ("resource_id","weekday");--> statement-breakpoint
CREATE INDEX "booking_exceptions_by_resource" ON "booking_exceptions" USING btree ("resource_id","ends_on");--> statement-breakpoint
CREATE INDEX "booking_seats_by_booking" ON "booking_seats" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "bookings_by_resource_time" ON "bookings" USING btree ("resource_id","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_by_workspace_time" ON "bookings" USING btree ("workspace_id","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_by_contact" ON "bookings" USING btree ("workspace_id","contact_id");