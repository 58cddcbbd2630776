CREATE TABLE "neg_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"category" text NOT NULL,
	"matter" text NOT NULL,
	"law_name" text NOT NULL,
	"law_version" text NOT NULL,
	"article" text NOT NULL,
	"force" text NOT NULL,
	"release_condition" text DEFAULT '' NOT NULL,
	"review_months" integer NOT NULL,
	"last_reviewed_on" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"citation_confirmed" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"published_on" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "neg_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"review_months" integer DEFAULT 12 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "neg_settings_single_row" CHECK ("neg_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "neg_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"entry_id" integer NOT NULL,
	"version" integer NOT NULL,
	"data" jsonb NOT NULL,
	"user_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "neg_entries" ADD CONSTRAINT "neg_entries_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neg_entries" ADD CONSTRAINT "neg_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neg_versions" ADD CONSTRAINT "neg_versions_entry_id_neg_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."neg_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neg_versions" ADD CONSTRAINT "neg_versions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "neg_entries_agency_idx" ON "neg_entries" USING btree ("agency_id","state");--> statement-breakpoint
CREATE INDEX "neg_versions_entry_idx" ON "neg_versions" USING btree ("entry_id","version");