CREATE TABLE "info_attachments" (
	"id" serial PRIMARY KEY NOT NULL,
	"edition_id" integer NOT NULL,
	"file_id" integer NOT NULL,
	"name" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "info_attachments" ADD CONSTRAINT "info_attachments_edition_id_info_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."info_editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "info_attachments_edition_idx" ON "info_attachments" USING btree ("edition_id");