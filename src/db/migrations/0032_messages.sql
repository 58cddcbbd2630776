CREATE TABLE "msg_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"message_id" integer NOT NULL,
	"step" text NOT NULL,
	"from_agency_id" integer,
	"to_agency_id" integer,
	"note" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "msg_mailboxes" (
	"id" serial PRIMARY KEY NOT NULL,
	"gov_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "msg_messages" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"check_key" text NOT NULL,
	"submit_key" text,
	"gov_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"mailbox_id" integer,
	"kind" text NOT NULL,
	"is_public" boolean NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"state" text NOT NULL,
	"held_words" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"screen_result" text,
	"screen_reason" text DEFAULT '' NOT NULL,
	"turn_to" text DEFAULT '' NOT NULL,
	"assignee_id" integer,
	"accepted_on" text,
	"due_on" text,
	"reply_text" text DEFAULT '' NOT NULL,
	"reply_agency_id" integer,
	"replied_on" text,
	"reply_workdays" integer,
	"on_time" boolean,
	"rating" text,
	"rating_comment" text DEFAULT '' NOT NULL,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"faq" boolean DEFAULT false NOT NULL,
	"origin" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "msg_messages_code_unique" UNIQUE("code"),
	CONSTRAINT "msg_messages_submit_key_unique" UNIQUE("submit_key")
);
--> statement-breakpoint
CREATE TABLE "msg_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"limits" jsonb NOT NULL,
	"warn_months" integer DEFAULT 2 NOT NULL,
	"red_months" integer DEFAULT 3 NOT NULL,
	"max_body" integer DEFAULT 3000 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "msg_settings_single_row" CHECK ("msg_settings"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "msg_events" ADD CONSTRAINT "msg_events_message_id_msg_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."msg_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "msg_events" ADD CONSTRAINT "msg_events_from_agency_id_agencies_id_fk" FOREIGN KEY ("from_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "msg_events" ADD CONSTRAINT "msg_events_to_agency_id_agencies_id_fk" FOREIGN KEY ("to_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "msg_mailboxes" ADD CONSTRAINT "msg_mailboxes_gov_id_agencies_id_fk" FOREIGN KEY ("gov_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "msg_mailboxes" ADD CONSTRAINT "msg_mailboxes_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "msg_messages" ADD CONSTRAINT "msg_messages_gov_id_agencies_id_fk" FOREIGN KEY ("gov_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "msg_messages" ADD CONSTRAINT "msg_messages_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "msg_messages" ADD CONSTRAINT "msg_messages_mailbox_id_msg_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."msg_mailboxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "msg_messages" ADD CONSTRAINT "msg_messages_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "msg_messages" ADD CONSTRAINT "msg_messages_reply_agency_id_agencies_id_fk" FOREIGN KEY ("reply_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "msg_events_message_idx" ON "msg_events" USING btree ("message_id","id");--> statement-breakpoint
CREATE INDEX "msg_messages_agency_idx" ON "msg_messages" USING btree ("agency_id","state");--> statement-breakpoint
CREATE INDEX "msg_messages_gov_idx" ON "msg_messages" USING btree ("gov_id","state","created_at");