CREATE TABLE "vg_case_steps" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"step" text NOT NULL,
	"on" text NOT NULL,
	"attendees" integer,
	"eligible" integer,
	"votes_for" integer,
	"votes_against" integer,
	"abstentions" integer,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vg_cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"village_id" integer NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vg_disclosures" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"matter_id" integer,
	"template_id" integer NOT NULL,
	"category" text NOT NULL,
	"shared" text,
	"period" text DEFAULT '' NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"table" jsonb,
	"approval_on" text,
	"publicity_days" integer NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"return_reason" text DEFAULT '' NOT NULL,
	"answer_due_on" text,
	"clerk_answer" text DEFAULT '' NOT NULL,
	"signed_by" text DEFAULT '' NOT NULL,
	"signed_on" text,
	"published_on" text,
	"publicity_until" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vg_matters" (
	"id" serial PRIMARY KEY NOT NULL,
	"village_id" integer NOT NULL,
	"template_id" integer NOT NULL,
	"category" text NOT NULL,
	"name" text NOT NULL,
	"cadence" text NOT NULL,
	"due_day" integer NOT NULL,
	"after_days" integer NOT NULL,
	"publicity_days" integer NOT NULL,
	"shared" text,
	"starts_on" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vg_objections" (
	"id" serial PRIMARY KEY NOT NULL,
	"disclosure_id" integer NOT NULL,
	"name" text NOT NULL,
	"contact" text NOT NULL,
	"content" text NOT NULL,
	"answer" text DEFAULT '' NOT NULL,
	"answered_on" text,
	"received_on" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vg_reviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"disclosure_id" integer NOT NULL,
	"action" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"user_name" text NOT NULL,
	"on" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vg_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"answer_days" integer DEFAULT 7 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vg_settings_single_row" CHECK ("vg_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "vg_templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"name" text NOT NULL,
	"basis" text DEFAULT '' NOT NULL,
	"cadence" text NOT NULL,
	"due_day" integer DEFAULT 20 NOT NULL,
	"after_days" integer DEFAULT 5 NOT NULL,
	"publicity_days" integer DEFAULT 7 NOT NULL,
	"shared" text,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "vg_case_steps" ADD CONSTRAINT "vg_case_steps_case_id_vg_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."vg_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vg_cases" ADD CONSTRAINT "vg_cases_village_id_agencies_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vg_disclosures" ADD CONSTRAINT "vg_disclosures_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vg_disclosures" ADD CONSTRAINT "vg_disclosures_matter_id_vg_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."vg_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vg_disclosures" ADD CONSTRAINT "vg_disclosures_template_id_vg_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."vg_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vg_disclosures" ADD CONSTRAINT "vg_disclosures_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vg_matters" ADD CONSTRAINT "vg_matters_village_id_agencies_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vg_matters" ADD CONSTRAINT "vg_matters_template_id_vg_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."vg_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vg_objections" ADD CONSTRAINT "vg_objections_disclosure_id_vg_disclosures_id_fk" FOREIGN KEY ("disclosure_id") REFERENCES "public"."vg_disclosures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vg_reviews" ADD CONSTRAINT "vg_reviews_disclosure_id_vg_disclosures_id_fk" FOREIGN KEY ("disclosure_id") REFERENCES "public"."vg_disclosures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "vg_case_steps_unique" ON "vg_case_steps" USING btree ("case_id","step");--> statement-breakpoint
CREATE INDEX "vg_disclosures_agency_idx" ON "vg_disclosures" USING btree ("agency_id","state");--> statement-breakpoint
CREATE INDEX "vg_disclosures_shared_idx" ON "vg_disclosures" USING btree ("shared","period");--> statement-breakpoint
CREATE UNIQUE INDEX "vg_matters_village_template" ON "vg_matters" USING btree ("village_id","template_id");--> statement-breakpoint
CREATE INDEX "vg_objections_disclosure_idx" ON "vg_objections" USING btree ("disclosure_id");--> statement-breakpoint
CREATE INDEX "vg_reviews_disclosure_idx" ON "vg_reviews" USING btree ("disclosure_id");