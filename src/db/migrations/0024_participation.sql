CREATE TABLE "part_consultations" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"gov_id" integer NOT NULL,
	"matter_id" integer,
	"document_id" integer,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"draft_text" text NOT NULL,
	"explanation" text DEFAULT '' NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"methods" jsonb DEFAULT '["online"]'::jsonb NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"short_reason" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "part_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"consultation_id" integer NOT NULL,
	"point" text NOT NULL,
	"disposition" text,
	"reason" text DEFAULT '' NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "part_matter_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"matter_id" integer NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"undertaker_id" integer NOT NULL,
	"hearing_required" boolean DEFAULT false NOT NULL,
	"risk_assessment_required" boolean DEFAULT false NOT NULL,
	"party_agreed_on" date,
	"published_on" date,
	"change_note" text DEFAULT '' NOT NULL,
	"withdrawn" boolean DEFAULT false NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "part_matters" (
	"id" serial PRIMARY KEY NOT NULL,
	"gov_id" integer NOT NULL,
	"year" integer NOT NULL,
	"document_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "part_opinions" (
	"id" serial PRIMARY KEY NOT NULL,
	"consultation_id" integer NOT NULL,
	"method" text DEFAULT 'online' NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"code" text NOT NULL,
	"submit_key" text,
	"name" text DEFAULT '' NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"contact_key" text DEFAULT '' NOT NULL,
	"address_key" text DEFAULT '' NOT NULL,
	"article" integer DEFAULT 0 NOT NULL,
	"quote" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"held_words" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reject_reason" text,
	"reject_text" text DEFAULT '' NOT NULL,
	"moderated_by" integer,
	"moderated_at" timestamp with time zone,
	"group_id" integer,
	"disposition" text,
	"reason" text DEFAULT '' NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "part_opinions_code_unique" UNIQUE("code"),
	CONSTRAINT "part_opinions_submit_key_unique" UNIQUE("submit_key")
);
--> statement-breakpoint
CREATE TABLE "part_reports" (
	"consultation_id" integer PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"content" jsonb NOT NULL,
	"submitted_by" integer,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" integer,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "part_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"major_decision_days" integer DEFAULT 30 NOT NULL,
	"rule_days" integer DEFAULT 30 NOT NULL,
	"normative_workdays" integer DEFAULT 7 NOT NULL,
	"max_comment_chars" integer DEFAULT 5000 NOT NULL,
	"per_contact_per_day" integer DEFAULT 10 NOT NULL,
	"per_address_per_day" integer DEFAULT 30 NOT NULL,
	"sensitive_words" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "part_settings_single_row" CHECK ("part_settings"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "part_consultations" ADD CONSTRAINT "part_consultations_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_consultations" ADD CONSTRAINT "part_consultations_gov_id_agencies_id_fk" FOREIGN KEY ("gov_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_consultations" ADD CONSTRAINT "part_consultations_matter_id_part_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."part_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_consultations" ADD CONSTRAINT "part_consultations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_groups" ADD CONSTRAINT "part_groups_consultation_id_part_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."part_consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_groups" ADD CONSTRAINT "part_groups_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_matter_versions" ADD CONSTRAINT "part_matter_versions_matter_id_part_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."part_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_matter_versions" ADD CONSTRAINT "part_matter_versions_undertaker_id_agencies_id_fk" FOREIGN KEY ("undertaker_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_matter_versions" ADD CONSTRAINT "part_matter_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_matters" ADD CONSTRAINT "part_matters_gov_id_agencies_id_fk" FOREIGN KEY ("gov_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_opinions" ADD CONSTRAINT "part_opinions_consultation_id_part_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."part_consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_opinions" ADD CONSTRAINT "part_opinions_moderated_by_users_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_opinions" ADD CONSTRAINT "part_opinions_group_id_part_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."part_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_opinions" ADD CONSTRAINT "part_opinions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_reports" ADD CONSTRAINT "part_reports_consultation_id_part_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."part_consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_reports" ADD CONSTRAINT "part_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_reports" ADD CONSTRAINT "part_reports_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "part_consultations_state_idx" ON "part_consultations" USING btree ("state","starts_at","ends_at");--> statement-breakpoint
CREATE INDEX "part_consultations_gov_idx" ON "part_consultations" USING btree ("gov_id","state");--> statement-breakpoint
CREATE INDEX "part_consultations_document_idx" ON "part_consultations" USING btree ("document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "part_matter_versions_uq" ON "part_matter_versions" USING btree ("matter_id","version");--> statement-breakpoint
CREATE INDEX "part_matters_gov_idx" ON "part_matters" USING btree ("gov_id","year");--> statement-breakpoint
CREATE INDEX "part_matters_document_idx" ON "part_matters" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "part_opinions_consultation_idx" ON "part_opinions" USING btree ("consultation_id","state");--> statement-breakpoint
CREATE INDEX "part_opinions_contact_idx" ON "part_opinions" USING btree ("contact_key","submitted_at");--> statement-breakpoint
CREATE INDEX "part_opinions_address_idx" ON "part_opinions" USING btree ("address_key","submitted_at");