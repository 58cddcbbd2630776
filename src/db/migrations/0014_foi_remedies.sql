CREATE TABLE "foi_remedies" (
	"agency_id" integer PRIMARY KEY NOT NULL,
	"review_body" text DEFAULT '' NOT NULL,
	"court" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "foi_remedies" ADD CONSTRAINT "foi_remedies_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;