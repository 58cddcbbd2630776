CREATE TABLE "iv_interviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"gov_id" integer NOT NULL,
	"topic" text NOT NULL,
	"guests" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"image_file_id" integer,
	"state" text DEFAULT 'draft' NOT NULL,
	"transcript" text DEFAULT '' NOT NULL,
	"transcript_published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "iv_questions" (
	"id" serial PRIMARY KEY NOT NULL,
	"interview_id" integer NOT NULL,
	"code" text NOT NULL,
	"submit_key" text,
	"body" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"answer" text DEFAULT '' NOT NULL,
	"answered_when" text,
	"answered_at" timestamp with time zone,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "iv_questions_code_unique" UNIQUE("code"),
	CONSTRAINT "iv_questions_submit_key_unique" UNIQUE("submit_key")
);
--> statement-breakpoint
ALTER TABLE "iv_interviews" ADD CONSTRAINT "iv_interviews_gov_id_agencies_id_fk" FOREIGN KEY ("gov_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "iv_questions" ADD CONSTRAINT "iv_questions_interview_id_iv_interviews_id_fk" FOREIGN KEY ("interview_id") REFERENCES "public"."iv_interviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "iv_interviews_gov_idx" ON "iv_interviews" USING btree ("gov_id","state");--> statement-breakpoint
CREATE INDEX "iv_questions_interview_idx" ON "iv_questions" USING btree ("interview_id","state");