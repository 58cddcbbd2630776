CREATE TABLE "guide_bundles" (
	"id" serial PRIMARY KEY NOT NULL,
	"gov_id" integer NOT NULL,
	"name" text NOT NULL,
	"audience" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"lead_agency_id" integer NOT NULL,
	"cooperating" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"codes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"published" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guide_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"gov_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"code" text NOT NULL,
	"parent_code" text,
	"level" text DEFAULT 'main' NOT NULL,
	"source" text DEFAULT 'local' NOT NULL,
	"domain_code" text DEFAULT '' NOT NULL,
	"published_version" integer,
	"published_on" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guide_notice_counters" (
	"gov_id" integer NOT NULL,
	"year" integer NOT NULL,
	"last" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "guide_notice_counters_gov_id_year_pk" PRIMARY KEY("gov_id","year")
);
--> statement-breakpoint
CREATE TABLE "guide_notices" (
	"id" serial PRIMARY KEY NOT NULL,
	"gov_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"version" integer NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"issued_on" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guide_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"version" integer NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"data" jsonb NOT NULL,
	"changed_on" text NOT NULL,
	"publish_due" text NOT NULL,
	"return_reason" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"reviewed_by" integer,
	"published_on" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "guide_bundles" ADD CONSTRAINT "guide_bundles_gov_id_agencies_id_fk" FOREIGN KEY ("gov_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_bundles" ADD CONSTRAINT "guide_bundles_lead_agency_id_agencies_id_fk" FOREIGN KEY ("lead_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_items" ADD CONSTRAINT "guide_items_gov_id_agencies_id_fk" FOREIGN KEY ("gov_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_items" ADD CONSTRAINT "guide_items_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_items" ADD CONSTRAINT "guide_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_notice_counters" ADD CONSTRAINT "guide_notice_counters_gov_id_agencies_id_fk" FOREIGN KEY ("gov_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_notices" ADD CONSTRAINT "guide_notices_gov_id_agencies_id_fk" FOREIGN KEY ("gov_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_notices" ADD CONSTRAINT "guide_notices_item_id_guide_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."guide_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_notices" ADD CONSTRAINT "guide_notices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_versions" ADD CONSTRAINT "guide_versions_item_id_guide_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."guide_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_versions" ADD CONSTRAINT "guide_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_versions" ADD CONSTRAINT "guide_versions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "guide_bundles_gov_idx" ON "guide_bundles" USING btree ("gov_id");--> statement-breakpoint
CREATE UNIQUE INDEX "guide_items_gov_code_uq" ON "guide_items" USING btree ("gov_id","code");--> statement-breakpoint
CREATE INDEX "guide_items_agency_idx" ON "guide_items" USING btree ("agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "guide_notices_seq_uq" ON "guide_notices" USING btree ("gov_id","year","seq");--> statement-breakpoint
CREATE INDEX "guide_notices_item_idx" ON "guide_notices" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "guide_versions_item_uq" ON "guide_versions" USING btree ("item_id","version");--> statement-breakpoint
CREATE INDEX "guide_versions_state_idx" ON "guide_versions" USING btree ("state");