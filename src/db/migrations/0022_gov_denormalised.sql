ALTER TABLE "search_entries" ADD COLUMN "gov_id" integer;--> statement-breakpoint
ALTER TABLE "info_editions" ADD COLUMN "gov_id" integer;--> statement-breakpoint
CREATE INDEX "search_entries_gov_published_idx" ON "search_entries" USING btree ("gov_id","published_at","id");--> statement-breakpoint
CREATE INDEX "info_editions_gov_published_idx" ON "info_editions" USING btree ("gov_id","published_at","id") WHERE "info_editions"."state" = 'published';--> statement-breakpoint
CREATE INDEX "info_editions_gov_kind_idx" ON "info_editions" USING btree ("gov_id","kind","published_at") WHERE "info_editions"."state" = 'published';--> statement-breakpoint
CREATE INDEX "info_editions_gov_id_idx" ON "info_editions" USING btree ("gov_id","id");--> statement-breakpoint
-- gov_id on info_editions and search_entries is the government of the record's agency
-- (agencies.gov_id), written here and never by the services: on insert, when the document's
-- agency or the entry's agency changes, and when an agency's government changes (a county placed
-- under a city keeps its gov_id; a township moved to another county changes it). The agencies
-- trigger is not "UPDATE OF gov_id": gov_id is set by the BEFORE trigger of 0018, which column
-- triggers do not see.
CREATE OR REPLACE FUNCTION info_editions_set_gov() RETURNS trigger AS $$
BEGIN
  NEW.gov_id := (SELECT a.gov_id FROM info_documents d JOIN agencies a ON a.id = d.agency_id WHERE d.id = NEW.document_id);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER info_editions_gov BEFORE INSERT OR UPDATE OF document_id ON info_editions FOR EACH ROW EXECUTE FUNCTION info_editions_set_gov();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_entries_set_gov() RETURNS trigger AS $$
BEGIN
  NEW.gov_id := (SELECT gov_id FROM agencies WHERE id = NEW.agency_id);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER search_entries_gov BEFORE INSERT OR UPDATE OF agency_id ON search_entries FOR EACH ROW EXECUTE FUNCTION search_entries_set_gov();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION info_documents_carry_gov() RETURNS trigger AS $$
BEGIN
  IF NEW.agency_id IS DISTINCT FROM OLD.agency_id THEN
    UPDATE info_editions SET gov_id = (SELECT gov_id FROM agencies WHERE id = NEW.agency_id) WHERE document_id = NEW.id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER info_documents_gov AFTER UPDATE OF agency_id ON info_documents FOR EACH ROW EXECUTE FUNCTION info_documents_carry_gov();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION agencies_carry_gov() RETURNS trigger AS $$
BEGIN
  IF NEW.gov_id IS DISTINCT FROM OLD.gov_id THEN
    UPDATE info_editions e SET gov_id = NEW.gov_id FROM info_documents d WHERE d.id = e.document_id AND d.agency_id = NEW.id;
    UPDATE search_entries SET gov_id = NEW.gov_id WHERE agency_id = NEW.id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER agencies_gov_carried AFTER UPDATE ON agencies FOR EACH ROW EXECUTE FUNCTION agencies_carry_gov();
--> statement-breakpoint
UPDATE info_editions e SET gov_id = a.gov_id FROM info_documents d JOIN agencies a ON a.id = d.agency_id WHERE d.id = e.document_id;
--> statement-breakpoint
UPDATE search_entries s SET gov_id = a.gov_id FROM agencies a WHERE a.id = s.agency_id;
