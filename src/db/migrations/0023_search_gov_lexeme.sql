CREATE INDEX "info_editions_gov_first_idx" ON "info_editions" USING btree ("gov_id","published_at") WHERE "info_editions"."edition_no" = 1;--> statement-breakpoint
-- A site's search (one government's entries) asked the GIN index for every government's matches
-- and dropped the others' after reading each row: at province scale a county's query read ~15,000
-- rows to keep ~660 (bench:region, 80–200 ms). The tsvector now also holds the entry's government
-- as a lexeme `gov_<id>` that no text can produce (tokens are Han bigrams and [a-z0-9] words), so
-- the query `… & 'gov_<id>'` intersects the posting lists inside the index (≈ 6 ms).
-- The generated column follows gov_id (kept by the triggers of 0022; generated columns are
-- computed after BEFORE triggers). Rebuilding the column rewrites search_entries once.
CREATE OR REPLACE FUNCTION gk_search_tsv(norm text, gov_id integer) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT public.gk_search_tsv(norm) || CASE WHEN gov_id IS NULL THEN ''::tsvector ELSE ('gov_' || gov_id)::tsvector END
$$;
--> statement-breakpoint
DROP INDEX IF EXISTS "search_entries_tsv_idx";
--> statement-breakpoint
ALTER TABLE "search_entries" DROP COLUMN "tsv";
--> statement-breakpoint
ALTER TABLE "search_entries" ADD COLUMN "tsv" tsvector GENERATED ALWAYS AS (public.gk_search_tsv("norm", "gov_id")) STORED;
--> statement-breakpoint
CREATE INDEX "search_entries_tsv_idx" ON "search_entries" USING gin ("tsv");
