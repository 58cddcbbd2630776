DROP INDEX "search_entries_published_idx";--> statement-breakpoint
CREATE INDEX "search_entries_published_idx" ON "search_entries" USING btree ("published_at","id");