CREATE TABLE "od_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"gov_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"theme" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"eligibility" text DEFAULT '' NOT NULL,
	"mode" text NOT NULL,
	"reg_opens_at" timestamp with time zone NOT NULL,
	"reg_closes_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"list_published_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "od_opinions" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"registration_id" integer,
	"body" text NOT NULL,
	"state" text DEFAULT 'received' NOT NULL,
	"unit_id" integer,
	"due_on" text,
	"answer" text DEFAULT '' NOT NULL,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "od_registrations" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"session_id" integer NOT NULL,
	"code" text NOT NULL,
	"secret_hash" text NOT NULL,
	"submit_key" text,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"id_masked" text NOT NULL,
	"id_key" text NOT NULL,
	"state" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "od_registrations_code_unique" UNIQUE("code"),
	CONSTRAINT "od_registrations_submit_key_unique" UNIQUE("submit_key")
);
--> statement-breakpoint
CREATE TABLE "od_sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"capacity" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "od_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"answer_workdays" integer DEFAULT 10 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "od_settings_single_row" CHECK ("od_settings"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "od_events" ADD CONSTRAINT "od_events_gov_id_agencies_id_fk" FOREIGN KEY ("gov_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "od_events" ADD CONSTRAINT "od_events_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "od_events" ADD CONSTRAINT "od_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "od_opinions" ADD CONSTRAINT "od_opinions_event_id_od_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."od_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "od_opinions" ADD CONSTRAINT "od_opinions_registration_id_od_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."od_registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "od_opinions" ADD CONSTRAINT "od_opinions_unit_id_agencies_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "od_registrations" ADD CONSTRAINT "od_registrations_event_id_od_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."od_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "od_registrations" ADD CONSTRAINT "od_registrations_session_id_od_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."od_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "od_sessions" ADD CONSTRAINT "od_sessions_event_id_od_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."od_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "od_events_gov_idx" ON "od_events" USING btree ("gov_id","state");--> statement-breakpoint
CREATE INDEX "od_opinions_event_idx" ON "od_opinions" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "od_registrations_session_idx" ON "od_registrations" USING btree ("session_id","state","submitted_at");--> statement-breakpoint
CREATE INDEX "od_sessions_event_idx" ON "od_sessions" USING btree ("event_id");