CREATE TABLE "foi_applications" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"secret_hash" text NOT NULL,
	"submit_key" text,
	"agency_id" integer NOT NULL,
	"channel" text NOT NULL,
	"state" text NOT NULL,
	"applicant_category" text NOT NULL,
	"applicant_name" text NOT NULL,
	"id_type" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"applicant_key" text NOT NULL,
	"org_code" text,
	"contact_person" text,
	"phone" text NOT NULL,
	"email" text,
	"address" text,
	"postcode" text,
	"content" text NOT NULL,
	"doc_number" text,
	"purpose" text,
	"form" text NOT NULL,
	"delivery" text NOT NULL,
	"id_proof_file_id" integer,
	"content_key" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"received_on" date,
	"outcome" text,
	"closed_on" date,
	"assignee_id" integer,
	"created_by" integer,
	"repeat_of" integer,
	CONSTRAINT "foi_applications_code_unique" UNIQUE("code"),
	CONSTRAINT "foi_applications_submit_key_unique" UNIQUE("submit_key")
);
--> statement-breakpoint
CREATE TABLE "foi_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" integer NOT NULL,
	"kind" text NOT NULL,
	"on" date NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" integer,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"public_note" text DEFAULT '' NOT NULL,
	"visible" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "foi_reviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"application_id" integer,
	"kind" text NOT NULL,
	"filed_on" date NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"result" text DEFAULT 'pending' NOT NULL,
	"decided_on" date,
	"note" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "annual_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"year" integer NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"overview" text DEFAULT '' NOT NULL,
	"problems" text DEFAULT '' NOT NULL,
	"other_matters" text DEFAULT '' NOT NULL,
	"fees_wan" numeric(14, 4),
	"review_note" text DEFAULT '' NOT NULL,
	"snapshot" jsonb,
	"published_at" timestamp with time zone,
	"published_by" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "annual_reports_snapshot_when_published" CHECK (("annual_reports"."state" = 'published') = ("annual_reports"."snapshot" is not null))
);
--> statement-breakpoint
ALTER TABLE "foi_applications" ADD CONSTRAINT "foi_applications_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "foi_applications" ADD CONSTRAINT "foi_applications_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "foi_applications" ADD CONSTRAINT "foi_applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "foi_events" ADD CONSTRAINT "foi_events_application_id_foi_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."foi_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "foi_events" ADD CONSTRAINT "foi_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "foi_reviews" ADD CONSTRAINT "foi_reviews_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "foi_reviews" ADD CONSTRAINT "foi_reviews_application_id_foi_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."foi_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "foi_reviews" ADD CONSTRAINT "foi_reviews_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_reports" ADD CONSTRAINT "annual_reports_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_reports" ADD CONSTRAINT "annual_reports_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_reports" ADD CONSTRAINT "annual_reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "foi_applications_agency_idx" ON "foi_applications" USING btree ("agency_id","state");--> statement-breakpoint
CREATE INDEX "foi_applications_applicant_idx" ON "foi_applications" USING btree ("applicant_key","received_on");--> statement-breakpoint
CREATE INDEX "foi_applications_content_idx" ON "foi_applications" USING btree ("content_key");--> statement-breakpoint
CREATE INDEX "foi_events_application_idx" ON "foi_events" USING btree ("application_id","id");--> statement-breakpoint
CREATE INDEX "foi_reviews_agency_idx" ON "foi_reviews" USING btree ("agency_id","filed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "foi_reviews_unique" ON "foi_reviews" USING btree ("application_id","kind","filed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "annual_reports_agency_year_uq" ON "annual_reports" USING btree ("agency_id","year");--> statement-breakpoint
CREATE INDEX "annual_reports_published_idx" ON "annual_reports" USING btree ("state","year");