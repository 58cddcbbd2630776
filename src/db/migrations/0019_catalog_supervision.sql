CREATE TABLE "catalog_supervision" (
	"government_id" integer NOT NULL,
	"domain_id" integer NOT NULL,
	"set_by" integer,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_supervision_government_id_domain_id_pk" PRIMARY KEY("government_id","domain_id")
);
--> statement-breakpoint
ALTER TABLE "catalog_transitions" ADD COLUMN "actor_agency_id" integer;--> statement-breakpoint
ALTER TABLE "catalog_supervision" ADD CONSTRAINT "catalog_supervision_government_id_agencies_id_fk" FOREIGN KEY ("government_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_supervision" ADD CONSTRAINT "catalog_supervision_domain_id_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."domains"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_supervision" ADD CONSTRAINT "catalog_supervision_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_transitions" ADD CONSTRAINT "catalog_transitions_actor_agency_id_agencies_id_fk" FOREIGN KEY ("actor_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Past reviews: the department is the reviewer's current one (the only fact kept until now).
UPDATE "catalog_transitions" t SET "actor_agency_id" = u."agency_id" FROM "users" u WHERE u."id" = t."actor_id";
