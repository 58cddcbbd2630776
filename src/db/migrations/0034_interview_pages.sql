ALTER TABLE "iv_interviews" ADD COLUMN "image_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "iv_interviews" ADD COLUMN "agency_id" integer;--> statement-breakpoint
ALTER TABLE "iv_interviews" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "iv_interviews" ADD COLUMN "questions_closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "iv_interviews" ADD COLUMN "transcript_images" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "iv_questions" ADD COLUMN "name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "iv_questions" ADD COLUMN "phone" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "iv_questions" ADD COLUMN "reject_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "iv_questions" ADD COLUMN "message_code" text;--> statement-breakpoint
ALTER TABLE "iv_questions" ADD COLUMN "message_check_key" text;--> statement-breakpoint
ALTER TABLE "iv_interviews" ADD CONSTRAINT "iv_interviews_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;