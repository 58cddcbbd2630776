CREATE TABLE "offline_points" (
	"id" serial PRIMARY KEY NOT NULL,
	"gov_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"address" text NOT NULL,
	"hours" text NOT NULL,
	"open_saturday" boolean DEFAULT false NOT NULL,
	"open_sunday" boolean DEFAULT false NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"holdings" text DEFAULT '' NOT NULL,
	"accessibility" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"submit_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offline_points_submit_key_unique" UNIQUE("submit_key")
);
--> statement-breakpoint
ALTER TABLE "offline_points" ADD CONSTRAINT "offline_points_gov_id_agencies_id_fk" FOREIGN KEY ("gov_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_points" ADD CONSTRAINT "offline_points_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offline_points_gov_idx" ON "offline_points" USING btree ("gov_id","active");