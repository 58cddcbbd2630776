CREATE TABLE "prop_co_handlers" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"view_text" text DEFAULT '' NOT NULL,
	"view_on" date,
	"recorded_by" integer
);
--> statement-breakpoint
CREATE TABLE "prop_follow_ups" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"on" date NOT NULL,
	"text" text NOT NULL,
	"recorded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prop_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"gov_id" integer NOT NULL,
	"kind" text NOT NULL,
	"session" text NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"lead_author" jsonb NOT NULL,
	"co_authors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"host_agency_id" integer NOT NULL,
	"assigned_on" date NOT NULL,
	"due_on" date NOT NULL,
	"extension" jsonb,
	"views_due_on" date NOT NULL,
	"state" text DEFAULT 'handling' NOT NULL,
	"reply_class" text,
	"reply_on" date,
	"reply_text" text DEFAULT '' NOT NULL,
	"satisfaction" text,
	"satisfaction_note" text DEFAULT '' NOT NULL,
	"publish_mode" text,
	"summary_reason" text DEFAULT '' NOT NULL,
	"published_text" text DEFAULT '' NOT NULL,
	"published_on" date,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prop_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"reply_months" integer NOT NULL,
	"extended_months" integer NOT NULL,
	"views_months" integer NOT NULL,
	"publish_workdays" integer NOT NULL,
	"warn_workdays" integer NOT NULL,
	"classes" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "prop_co_handlers" ADD CONSTRAINT "prop_co_handlers_item_id_prop_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."prop_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prop_co_handlers" ADD CONSTRAINT "prop_co_handlers_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prop_co_handlers" ADD CONSTRAINT "prop_co_handlers_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prop_follow_ups" ADD CONSTRAINT "prop_follow_ups_item_id_prop_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."prop_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prop_follow_ups" ADD CONSTRAINT "prop_follow_ups_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prop_items" ADD CONSTRAINT "prop_items_gov_id_agencies_id_fk" FOREIGN KEY ("gov_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prop_items" ADD CONSTRAINT "prop_items_host_agency_id_agencies_id_fk" FOREIGN KEY ("host_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prop_items" ADD CONSTRAINT "prop_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "prop_co_handlers_uq" ON "prop_co_handlers" USING btree ("item_id","agency_id");--> statement-breakpoint
CREATE INDEX "prop_co_handlers_agency_idx" ON "prop_co_handlers" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "prop_follow_ups_item_idx" ON "prop_follow_ups" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "prop_items_number_uq" ON "prop_items" USING btree ("gov_id","kind","session","number");--> statement-breakpoint
CREATE INDEX "prop_items_host_idx" ON "prop_items" USING btree ("host_agency_id","state");--> statement-breakpoint
CREATE INDEX "prop_items_gov_idx" ON "prop_items" USING btree ("gov_id","state");