CREATE TABLE "offline_boards" (
	"id" serial PRIMARY KEY NOT NULL,
	"gov_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"name" text NOT NULL,
	"place" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"submit_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offline_boards_submit_key_unique" UNIQUE("submit_key")
);
--> statement-breakpoint
CREATE TABLE "offline_kiosk" (
	"gov_id" integer PRIMARY KEY NOT NULL,
	"idle_seconds" integer DEFAULT 120 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offline_postings" (
	"id" serial PRIMARY KEY NOT NULL,
	"board_id" integer NOT NULL,
	"gov_id" integer NOT NULL,
	"notice_kind" text NOT NULL,
	"notice_id" integer NOT NULL,
	"title" text NOT NULL,
	"paper" text DEFAULT 'A4' NOT NULL,
	"from_on" date NOT NULL,
	"to_on" date NOT NULL,
	"auto_take_down" boolean DEFAULT false NOT NULL,
	"state" text DEFAULT 'posted' NOT NULL,
	"photo_file_id" integer,
	"taken_down_on" date,
	"taken_down_by" text,
	"submit_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offline_postings_submit_key_unique" UNIQUE("submit_key")
);
--> statement-breakpoint
ALTER TABLE "offline_boards" ADD CONSTRAINT "offline_boards_gov_id_agencies_id_fk" FOREIGN KEY ("gov_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_boards" ADD CONSTRAINT "offline_boards_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_kiosk" ADD CONSTRAINT "offline_kiosk_gov_id_agencies_id_fk" FOREIGN KEY ("gov_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_postings" ADD CONSTRAINT "offline_postings_board_id_offline_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."offline_boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_postings" ADD CONSTRAINT "offline_postings_gov_id_agencies_id_fk" FOREIGN KEY ("gov_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offline_boards_gov_idx" ON "offline_boards" USING btree ("gov_id","active");--> statement-breakpoint
CREATE INDEX "offline_postings_board_idx" ON "offline_postings" USING btree ("board_id","state");--> statement-breakpoint
CREATE INDEX "offline_postings_due_idx" ON "offline_postings" USING btree ("state","to_on");