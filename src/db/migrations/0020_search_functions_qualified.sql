-- A pg_dump restore runs with an empty search_path: gk_search_tsv must name gk_search_tokens by
-- its schema, or restoring search_entries' generated column fails (README, Backup). Same body.
CREATE OR REPLACE FUNCTION gk_search_tsv(norm text) RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('simple'::regconfig, public.gk_search_tokens(split_part(norm, E'\n', 1))), 'A')
      || setweight(to_tsvector('simple'::regconfig, public.gk_search_tokens(substr(norm, strpos(norm, E'\n') + 1))), 'B')
$$;
