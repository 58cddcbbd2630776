CREATE TABLE "rating_order_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"order_id" integer NOT NULL,
	"kind" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"user_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_orders" (
	"id" serial PRIMARY KEY NOT NULL,
	"rating_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"opened_on" text NOT NULL,
	"due_on" text NOT NULL,
	"callback_note" text DEFAULT '' NOT NULL,
	"called_back_on" text,
	"rectify_note" text DEFAULT '' NOT NULL,
	"rectified_on" text,
	"feedback_note" text DEFAULT '' NOT NULL,
	"feedback_on" text,
	"appeal_reason" text DEFAULT '' NOT NULL,
	"decision_note" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_settings" (
	"gov_id" integer PRIMARY KEY NOT NULL,
	"work_days" integer DEFAULT 5 NOT NULL,
	"tags" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_windows" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"gov_id" integer NOT NULL,
	"hall" text NOT NULL,
	"number" text NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ratings" (
	"id" serial PRIMARY KEY NOT NULL,
	"gov_id" integer NOT NULL,
	"target" text NOT NULL,
	"guide_code" text,
	"window_id" integer,
	"target_name" text NOT NULL,
	"agency_id" integer NOT NULL,
	"level" integer NOT NULL,
	"tags" jsonb NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"phone_sealed" text DEFAULT '' NOT NULL,
	"phone_masked" text DEFAULT '' NOT NULL,
	"rater_key" text NOT NULL,
	"excluded" boolean DEFAULT false NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ratings_level_range" CHECK ("ratings"."level" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "rating_order_events" ADD CONSTRAINT "rating_order_events_order_id_rating_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."rating_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_order_events" ADD CONSTRAINT "rating_order_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_orders" ADD CONSTRAINT "rating_orders_rating_id_ratings_id_fk" FOREIGN KEY ("rating_id") REFERENCES "public"."ratings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_orders" ADD CONSTRAINT "rating_orders_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_settings" ADD CONSTRAINT "rating_settings_gov_id_agencies_id_fk" FOREIGN KEY ("gov_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_windows" ADD CONSTRAINT "rating_windows_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_windows" ADD CONSTRAINT "rating_windows_gov_id_agencies_id_fk" FOREIGN KEY ("gov_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_gov_id_agencies_id_fk" FOREIGN KEY ("gov_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_window_id_rating_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."rating_windows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rating_order_events_order_idx" ON "rating_order_events" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rating_orders_rating_idx" ON "rating_orders" USING btree ("rating_id");--> statement-breakpoint
CREATE INDEX "rating_orders_agency_idx" ON "rating_orders" USING btree ("agency_id","state");--> statement-breakpoint
CREATE INDEX "rating_windows_gov_idx" ON "rating_windows" USING btree ("gov_id","active");--> statement-breakpoint
CREATE INDEX "ratings_gov_idx" ON "ratings" USING btree ("gov_id","submitted_at");--> statement-breakpoint
CREATE INDEX "ratings_agency_idx" ON "ratings" USING btree ("agency_id","submitted_at");--> statement-breakpoint
CREATE INDEX "ratings_rater_idx" ON "ratings" USING btree ("rater_key","submitted_at");