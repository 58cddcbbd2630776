CREATE TABLE "op_consultations" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"agency_ids" integer[] NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"conclusion" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "op_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"gov_id" integer NOT NULL,
	"source" text NOT NULL,
	"link" text DEFAULT '' NOT NULL,
	"summary" text NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"category" text NOT NULL,
	"severity" text NOT NULL,
	"emergency" boolean DEFAULT false NOT NULL,
	"place_agency_id" integer,
	"proposed_agency_id" integer,
	"proposal_reason" text DEFAULT '' NOT NULL,
	"agency_id" integer NOT NULL,
	"state" text DEFAULT 'registered' NOT NULL,
	"evaluation" text DEFAULT '' NOT NULL,
	"grade" text,
	"evaluated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"close_note" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "op_responses" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"responded_at" timestamp with time zone NOT NULL,
	"link" text DEFAULT '' NOT NULL,
	"document_id" integer,
	"is_public" boolean DEFAULT false NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "op_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"auth_hours" integer NOT NULL,
	"press_hours" integer NOT NULL,
	"first_hours" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "op_consultations" ADD CONSTRAINT "op_consultations_item_id_op_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."op_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "op_consultations" ADD CONSTRAINT "op_consultations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "op_items" ADD CONSTRAINT "op_items_gov_id_agencies_id_fk" FOREIGN KEY ("gov_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "op_items" ADD CONSTRAINT "op_items_place_agency_id_agencies_id_fk" FOREIGN KEY ("place_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "op_items" ADD CONSTRAINT "op_items_proposed_agency_id_agencies_id_fk" FOREIGN KEY ("proposed_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "op_items" ADD CONSTRAINT "op_items_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "op_items" ADD CONSTRAINT "op_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "op_responses" ADD CONSTRAINT "op_responses_item_id_op_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."op_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "op_responses" ADD CONSTRAINT "op_responses_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "op_consultations_item_idx" ON "op_consultations" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "op_items_gov_idx" ON "op_items" USING btree ("gov_id","state","first_seen_at");--> statement-breakpoint
CREATE INDEX "op_responses_item_idx" ON "op_responses" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "op_responses_document_idx" ON "op_responses" USING btree ("document_id");