CREATE TABLE "handbook_editions" (
	"id" serial PRIMARY KEY NOT NULL,
	"gov_id" integer NOT NULL,
	"arrangement" text NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"reason" text DEFAULT 'manual' NOT NULL,
	"fingerprint" text NOT NULL,
	"origin" text NOT NULL,
	"number" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"pdf_file_id" integer,
	"docx_file_id" integer,
	"error" text DEFAULT '' NOT NULL,
	"requested_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "handbook_editions" ADD CONSTRAINT "handbook_editions_gov_id_agencies_id_fk" FOREIGN KEY ("gov_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handbook_editions" ADD CONSTRAINT "handbook_editions_pdf_file_id_files_id_fk" FOREIGN KEY ("pdf_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handbook_editions" ADD CONSTRAINT "handbook_editions_docx_file_id_files_id_fk" FOREIGN KEY ("docx_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handbook_editions" ADD CONSTRAINT "handbook_editions_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "handbook_editions_gov_idx" ON "handbook_editions" USING btree ("gov_id","arrangement","id");--> statement-breakpoint
CREATE INDEX "handbook_editions_state_idx" ON "handbook_editions" USING btree ("state");