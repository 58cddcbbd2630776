ALTER TABLE "od_events" ADD COLUMN "summary" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "od_events" ADD COLUMN "summary_published_at" timestamp with time zone;