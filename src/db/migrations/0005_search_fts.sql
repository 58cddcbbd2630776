-- Search tokens (mirrors tokens() in src/core/text/normalise.ts; normalise.test.ts checks they agree).
-- Input is normalised text. Han runs become overlapping bigrams plus the run's last character;
-- [a-z0-9] runs stay words; everything else separates. Done with regexp_replace alone, no loops:
-- split runs apart, double every Han character, drop the first copy in each run, then cut each
-- run into pairs: 社会救助 → 社社会会救救助助 → 社会会救救助助 → 社会 会救 救助 助.
CREATE FUNCTION gk_search_tokens(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    t,
    '[^〇㐀-䶿一-鿿豈-﫿𠀀-𲎯a-z0-9]+', ' ', 'g'),
    '([〇㐀-䶿一-鿿豈-﫿𠀀-𲎯])([a-z0-9])', '\1 \2', 'g'),
    '([a-z0-9])([〇㐀-䶿一-鿿豈-﫿𠀀-𲎯])', '\1 \2', 'g'),
    '([〇㐀-䶿一-鿿豈-﫿𠀀-𲎯])', '\1\1', 'g'),
    '(^| )[〇㐀-䶿一-鿿豈-﫿𠀀-𲎯]', '\1', 'g'),
    '([〇㐀-䶿一-鿿豈-﫿𠀀-𲎯]{1,2})', '\1 ', 'g')
$$;
--> statement-breakpoint
-- The tsvector of an entry: title tokens (before the '\n' in norm) weight A, body tokens weight B.
CREATE FUNCTION gk_search_tsv(norm text) RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('simple'::regconfig, gk_search_tokens(split_part(norm, E'\n', 1))), 'A')
      || setweight(to_tsvector('simple'::regconfig, gk_search_tokens(substr(norm, strpos(norm, E'\n') + 1))), 'B')
$$;
--> statement-breakpoint
ALTER TABLE "search_entries" ADD COLUMN "tsv" tsvector GENERATED ALWAYS AS (gk_search_tsv("norm")) STORED;
--> statement-breakpoint
CREATE INDEX "search_entries_tsv_idx" ON "search_entries" USING gin ("tsv");
