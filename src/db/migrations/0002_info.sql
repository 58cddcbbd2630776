CREATE TABLE "info_documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"index_number" text,
	"interprets_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "info_documents_index_number_unique" UNIQUE("index_number")
);
--> statement-breakpoint
CREATE TABLE "info_editions" (
	"id" serial PRIMARY KEY NOT NULL,
	"document_id" integer NOT NULL,
	"edition_no" integer NOT NULL,
	"state" text NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"theme" text NOT NULL,
	"assembly" text NOT NULL,
	"doc_number" text,
	"written_date" date NOT NULL,
	"formed_date" date NOT NULL,
	"regulatory" boolean DEFAULT false NOT NULL,
	"statutory_item" integer,
	"body_html" text NOT NULL,
	"disclosure" text NOT NULL,
	"disclosure_ground" text DEFAULT '' NOT NULL,
	"secrecy_reviewer" text,
	"secrecy_reviewed_at" timestamp with time zone,
	"validity" text DEFAULT 'valid' NOT NULL,
	"validity_date" date,
	"replaced_by_id" integer,
	"change_note" text DEFAULT '' NOT NULL,
	"minor_change" boolean DEFAULT false NOT NULL,
	"publish_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_reason" text,
	"withdrawn_in_error" boolean DEFAULT false NOT NULL,
	"catalog_item_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "info_index_counters" (
	"agency_id" integer NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "info_index_counters_agency_id_year_pk" PRIMARY KEY("agency_id","year")
);
--> statement-breakpoint
CREATE TABLE "info_transitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"edition_id" integer NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"actor_id" integer,
	"comment" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "info_documents" ADD CONSTRAINT "info_documents_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_editions" ADD CONSTRAINT "info_editions_document_id_info_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."info_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_editions" ADD CONSTRAINT "info_editions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_index_counters" ADD CONSTRAINT "info_index_counters_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_transitions" ADD CONSTRAINT "info_transitions_edition_id_info_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."info_editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "info_documents_agency_idx" ON "info_documents" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "info_documents_interprets_idx" ON "info_documents" USING btree ("interprets_id");--> statement-breakpoint
CREATE UNIQUE INDEX "info_editions_no_uq" ON "info_editions" USING btree ("document_id","edition_no");--> statement-breakpoint
CREATE UNIQUE INDEX "info_editions_open_uq" ON "info_editions" USING btree ("document_id") WHERE "info_editions"."state" in ('draft','in_review','approved','scheduled');--> statement-breakpoint
CREATE UNIQUE INDEX "info_editions_public_uq" ON "info_editions" USING btree ("document_id") WHERE "info_editions"."state" in ('published','withdrawn');--> statement-breakpoint
CREATE INDEX "info_editions_due_idx" ON "info_editions" USING btree ("publish_at") WHERE "info_editions"."state" = 'scheduled';--> statement-breakpoint
CREATE INDEX "info_editions_state_idx" ON "info_editions" USING btree ("state","published_at");--> statement-breakpoint
CREATE INDEX "info_transitions_edition_idx" ON "info_transitions" USING btree ("edition_id");