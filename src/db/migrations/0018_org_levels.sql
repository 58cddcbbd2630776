ALTER TABLE "agencies" ADD COLUMN "division" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "path" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "gov_id" integer;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "upper_gov_id" integer;--> statement-breakpoint
CREATE INDEX "agencies_path_idx" ON "agencies" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "agencies_gov_idx" ON "agencies" USING btree ("gov_id");--> statement-breakpoint
-- path / gov_id / upper_gov_id follow parent_id and kind on every insert and move (schema.ts).
CREATE OR REPLACE FUNCTION agencies_place() RETURNS trigger AS $$
DECLARE
  p agencies%ROWTYPE;
BEGIN
  IF NEW.parent_id IS NULL THEN
    NEW.path := '/' || NEW.id || '/';
    NEW.gov_id := CASE WHEN NEW.kind IN ('province', 'city', 'county') THEN NEW.id ELSE NULL END;
    NEW.upper_gov_id := NULL;
  ELSE
    SELECT * INTO p FROM agencies WHERE id = NEW.parent_id;
    IF p.path LIKE '%/' || NEW.id || '/%' THEN
      RAISE EXCEPTION 'an agency cannot be placed under itself or its own subordinate';
    END IF;
    NEW.path := p.path || NEW.id || '/';
    IF NEW.kind IN ('province', 'city', 'county') THEN
      NEW.gov_id := NEW.id;
      NEW.upper_gov_id := p.gov_id;
    ELSE
      NEW.gov_id := p.gov_id;
      NEW.upper_gov_id := p.upper_gov_id;
    END IF;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER agencies_place_insert BEFORE INSERT ON agencies FOR EACH ROW EXECUTE FUNCTION agencies_place();
--> statement-breakpoint
CREATE TRIGGER agencies_place_update BEFORE UPDATE OF parent_id, kind ON agencies FOR EACH ROW EXECUTE FUNCTION agencies_place();
--> statement-breakpoint
-- A moved agency carries its subtree: paths re-rooted, and the rows that inherited its
-- government (or the government above it) follow.
CREATE OR REPLACE FUNCTION agencies_carry_subtree() RETURNS trigger AS $$
BEGIN
  -- (An unplaced row, path '', has no subtree placed yet: the upgrade below places level by level.)
  IF OLD.path <> '' AND (NEW.path IS DISTINCT FROM OLD.path OR NEW.gov_id IS DISTINCT FROM OLD.gov_id OR NEW.upper_gov_id IS DISTINCT FROM OLD.upper_gov_id) THEN
    UPDATE agencies SET
      path = NEW.path || substr(path, length(OLD.path) + 1),
      upper_gov_id = CASE WHEN gov_id IS NOT DISTINCT FROM OLD.gov_id THEN NEW.upper_gov_id
                          WHEN upper_gov_id IS NOT DISTINCT FROM OLD.gov_id THEN NEW.gov_id
                          ELSE upper_gov_id END,
      gov_id = CASE WHEN gov_id IS NOT DISTINCT FROM OLD.gov_id THEN NEW.gov_id ELSE gov_id END
    WHERE path LIKE OLD.path || '%' AND id <> NEW.id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER agencies_carry_subtree AFTER UPDATE OF parent_id, kind ON agencies FOR EACH ROW EXECUTE FUNCTION agencies_carry_subtree();
--> statement-breakpoint
-- Existing rows (an upgraded installation): placed top-down (roots first, then each level), so every parent is placed first.
DO $$
DECLARE d integer := 0;
BEGIN
  LOOP
    WITH RECURSIVE t AS (
      SELECT id, 0 AS depth FROM agencies WHERE parent_id IS NULL
      UNION ALL
      SELECT a.id, t.depth + 1 FROM agencies a JOIN t ON a.parent_id = t.id
    )
    UPDATE agencies SET kind = kind WHERE id IN (SELECT id FROM t WHERE depth = d);
    EXIT WHEN NOT FOUND;
    d := d + 1;
  END LOOP;
END $$;
