ALTER TABLE "hear_meetings" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "hear_meetings" ADD COLUMN "cancel_reason" text DEFAULT '' NOT NULL;