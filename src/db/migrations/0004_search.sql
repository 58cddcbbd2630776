CREATE TABLE "search_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"ref_id" integer NOT NULL,
	"url" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"agency_id" integer,
	"domain_id" integer,
	"theme" text,
	"doc_kind" text,
	"year" integer,
	"validity" text,
	"published_at" timestamp with time zone NOT NULL,
	"doc_number" text,
	"index_number" text,
	"doc_number_key" text,
	"index_number_key" text,
	"norm" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "search_entries_ref_uq" ON "search_entries" USING btree ("kind","ref_id");--> statement-breakpoint
CREATE INDEX "search_entries_published_idx" ON "search_entries" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "search_entries_agency_idx" ON "search_entries" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "search_entries_domain_idx" ON "search_entries" USING btree ("domain_id");--> statement-breakpoint
CREATE INDEX "search_entries_doc_number_idx" ON "search_entries" USING btree ("doc_number_key");--> statement-breakpoint
CREATE INDEX "search_entries_index_number_idx" ON "search_entries" USING btree ("index_number_key");