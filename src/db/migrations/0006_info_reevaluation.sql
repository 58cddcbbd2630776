CREATE TABLE "info_reevaluations" (
	"id" serial PRIMARY KEY NOT NULL,
	"document_id" integer NOT NULL,
	"year" integer NOT NULL,
	"decision" text NOT NULL,
	"reason" text NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "info_reevaluations" ADD CONSTRAINT "info_reevaluations_document_id_info_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."info_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_reevaluations" ADD CONSTRAINT "info_reevaluations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "info_reevaluations_uq" ON "info_reevaluations" USING btree ("document_id","year");