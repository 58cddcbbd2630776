CREATE TABLE "hear_meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"consultation_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"gov_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"announcement" text NOT NULL,
	"rule" text NOT NULL,
	"rule_text" text DEFAULT '' NOT NULL,
	"reg_opens_at" timestamp with time zone NOT NULL,
	"reg_closes_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"seats" integer NOT NULL,
	"categories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"announced_at" timestamp with time zone,
	"list_published_at" timestamp with time zone,
	"materials" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"materials_published_at" timestamp with time zone,
	"minutes_text" text DEFAULT '' NOT NULL,
	"minutes_file" jsonb,
	"minutes_at" timestamp with time zone,
	"minutes_published_at" timestamp with time zone,
	"report_text" text DEFAULT '' NOT NULL,
	"report_published_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hear_opinions" (
	"opinion_id" integer PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"category" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hear_registrations" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"code" text NOT NULL,
	"submit_key" text,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"phone_key" text NOT NULL,
	"address_key" text DEFAULT '' NOT NULL,
	"category" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'registered' NOT NULL,
	"selected_by" integer,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hear_registrations_code_unique" UNIQUE("code"),
	CONSTRAINT "hear_registrations_submit_key_unique" UNIQUE("submit_key")
);
--> statement-breakpoint
CREATE TABLE "hear_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"materials_days" integer DEFAULT 7 NOT NULL,
	"per_address_per_day" integer DEFAULT 20 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hear_settings_single_row" CHECK ("hear_settings"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "hear_meetings" ADD CONSTRAINT "hear_meetings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hear_meetings" ADD CONSTRAINT "hear_meetings_gov_id_agencies_id_fk" FOREIGN KEY ("gov_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hear_meetings" ADD CONSTRAINT "hear_meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hear_opinions" ADD CONSTRAINT "hear_opinions_meeting_id_hear_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."hear_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hear_registrations" ADD CONSTRAINT "hear_registrations_meeting_id_hear_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."hear_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hear_registrations" ADD CONSTRAINT "hear_registrations_selected_by_users_id_fk" FOREIGN KEY ("selected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hear_meetings_consultation_idx" ON "hear_meetings" USING btree ("consultation_id");--> statement-breakpoint
CREATE INDEX "hear_meetings_gov_idx" ON "hear_meetings" USING btree ("gov_id","state","starts_at");--> statement-breakpoint
CREATE INDEX "hear_opinions_meeting_idx" ON "hear_opinions" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hear_registrations_phone_uq" ON "hear_registrations" USING btree ("meeting_id","phone_key");--> statement-breakpoint
CREATE INDEX "hear_registrations_address_idx" ON "hear_registrations" USING btree ("address_key","submitted_at");