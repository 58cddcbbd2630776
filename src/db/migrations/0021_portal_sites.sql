ALTER TABLE "portal_site" DROP CONSTRAINT "portal_site_single_row";--> statement-breakpoint
ALTER TABLE "portal_site" ADD COLUMN "government_id" integer;--> statement-breakpoint
ALTER TABLE "portal_site" ADD COLUMN "prefix" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "portal_site" ADD CONSTRAINT "portal_site_government_id_agencies_id_fk" FOREIGN KEY ("government_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "portal_site_government_uq" ON "portal_site" USING btree ("government_id");--> statement-breakpoint
CREATE UNIQUE INDEX "portal_site_prefix_uq" ON "portal_site" USING btree ("prefix") WHERE "portal_site"."prefix" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "portal_site_domain_uq" ON "portal_site" USING btree ("domain") WHERE "portal_site"."domain" <> '';--> statement-breakpoint
-- The one site an installation had is its root government's (the county, or whatever has no parent).
UPDATE "portal_site" SET "government_id" = (
  SELECT "id" FROM "agencies" WHERE "parent_id" IS NULL ORDER BY ("kind" IN ('province', 'city', 'county')) DESC, "sort", "id" LIMIT 1
) WHERE "id" = 1;
