ALTER TABLE "info_editions" ADD COLUMN "neg_entry_id" integer;--> statement-breakpoint
ALTER TABLE "info_editions" ADD COLUMN "neg_article" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "neg_entries" ADD COLUMN "report_row" text;--> statement-breakpoint
UPDATE "neg_entries" SET "report_row" = CASE "category" WHEN 'art14' THEN 'withheld_state_secret' WHEN 'art15' THEN 'withheld_third_party' ELSE 'withheld_process' END;--> statement-breakpoint
ALTER TABLE "neg_entries" ALTER COLUMN "report_row" SET NOT NULL;