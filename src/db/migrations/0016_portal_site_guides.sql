CREATE TABLE "portal_disclosure_texts" (
	"agency_id" integer NOT NULL,
	"part" text NOT NULL,
	"draft" jsonb NOT NULL,
	"draft_saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	"draft_saved_by" text DEFAULT '' NOT NULL,
	"published" jsonb,
	"published_at" timestamp with time zone,
	"published_by" text,
	CONSTRAINT "portal_disclosure_texts_agency_id_part_pk" PRIMARY KEY("agency_id","part")
);
--> statement-breakpoint
CREATE TABLE "portal_site" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"domain" text DEFAULT '' NOT NULL,
	"id_code" text DEFAULT '' NOT NULL,
	"icp" text DEFAULT '' NOT NULL,
	"police" text DEFAULT '' NOT NULL,
	"sponsor" text DEFAULT '' NOT NULL,
	"organizer" text DEFAULT '' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"keywords" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portal_site_single_row" CHECK ("portal_site"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "portal_disclosure_texts" ADD CONSTRAINT "portal_disclosure_texts_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;