CREATE TABLE "agencies" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"parent_id" integer,
	"credit_code" text,
	"functions" text DEFAULT '' NOT NULL,
	"head" text DEFAULT '' NOT NULL,
	"office_hours" text DEFAULT '' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"csrf_secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_roles" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"role" text NOT NULL,
	"domain_id" integer,
	CONSTRAINT "user_roles_uq" UNIQUE NULLS NOT DISTINCT("user_id","role","domain_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"agency_id" integer NOT NULL,
	"must_change_password" boolean DEFAULT true NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" integer,
	"actor_name" text NOT NULL,
	"agency_id" integer,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_exclusions" (
	"id" serial PRIMARY KEY NOT NULL,
	"version_id" integer NOT NULL,
	"template_id" integer NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"version_id" integer NOT NULL,
	"item_key" uuid DEFAULT gen_random_uuid() NOT NULL,
	"template_id" integer,
	"origin" text NOT NULL,
	"seq" integer NOT NULL,
	"level1" text NOT NULL,
	"level2" text NOT NULL,
	"level3" text,
	"item_code" text,
	"content" text NOT NULL,
	"basis" text NOT NULL,
	"time_limit_text" text NOT NULL,
	"subject" text NOT NULL,
	"channels" jsonb NOT NULL,
	"other_channels" jsonb NOT NULL,
	"audience_public" boolean NOT NULL,
	"audience_specific" boolean NOT NULL,
	"mode_active" boolean NOT NULL,
	"mode_on_request" boolean NOT NULL,
	"levels" jsonb NOT NULL,
	"time_rule" jsonb NOT NULL,
	"time_rule_ok" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"domain_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"level1" text NOT NULL,
	"level2" text NOT NULL,
	"level3" text,
	"item_code" text,
	"content" text NOT NULL,
	"basis" text NOT NULL,
	"time_limit_text" text NOT NULL,
	"subject" text NOT NULL,
	"channels" jsonb NOT NULL,
	"other_channels" jsonb NOT NULL,
	"audience_public" boolean NOT NULL,
	"audience_specific" boolean NOT NULL,
	"mode_active" boolean NOT NULL,
	"mode_on_request" boolean NOT NULL,
	"levels" jsonb NOT NULL,
	"source" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_transitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"version_id" integer NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"actor_id" integer,
	"comment" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"catalog_id" integer NOT NULL,
	"version_no" integer NOT NULL,
	"state" text NOT NULL,
	"change_note" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "catalogs" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"domain_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "domains" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"pilot" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"guide" text DEFAULT '' NOT NULL,
	"responsible_agency_id" integer,
	CONSTRAINT "domains_code_unique" UNIQUE("code"),
	CONSTRAINT "domains_name_unique" UNIQUE("name")
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_parent_id_agencies_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_exclusions" ADD CONSTRAINT "catalog_exclusions_version_id_catalog_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."catalog_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_exclusions" ADD CONSTRAINT "catalog_exclusions_template_id_catalog_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."catalog_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD CONSTRAINT "catalog_items_version_id_catalog_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."catalog_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD CONSTRAINT "catalog_items_template_id_catalog_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."catalog_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_templates" ADD CONSTRAINT "catalog_templates_domain_id_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."domains"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_transitions" ADD CONSTRAINT "catalog_transitions_version_id_catalog_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."catalog_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_transitions" ADD CONSTRAINT "catalog_transitions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_versions" ADD CONSTRAINT "catalog_versions_catalog_id_catalogs_id_fk" FOREIGN KEY ("catalog_id") REFERENCES "public"."catalogs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_versions" ADD CONSTRAINT "catalog_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalogs" ADD CONSTRAINT "catalogs_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalogs" ADD CONSTRAINT "catalogs_domain_id_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."domains"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "domains" ADD CONSTRAINT "domains_responsible_agency_id_agencies_id_fk" FOREIGN KEY ("responsible_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agencies_credit_code_uq" ON "agencies" USING btree ("credit_code") WHERE "agencies"."credit_code" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "agencies_parent_name_uq" ON "agencies" USING btree ("parent_id","name");--> statement-breakpoint
CREATE INDEX "agencies_parent_idx" ON "agencies" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_exclusions_uq" ON "catalog_exclusions" USING btree ("version_id","template_id");--> statement-breakpoint
CREATE INDEX "catalog_items_version_idx" ON "catalog_items" USING btree ("version_id","seq");--> statement-breakpoint
CREATE INDEX "catalog_templates_domain_idx" ON "catalog_templates" USING btree ("domain_id","seq");--> statement-breakpoint
CREATE INDEX "catalog_transitions_version_idx" ON "catalog_transitions" USING btree ("version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_versions_no_uq" ON "catalog_versions" USING btree ("catalog_id","version_no");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_versions_open_uq" ON "catalog_versions" USING btree ("catalog_id") WHERE "catalog_versions"."state" in ('draft','submitted','returned','approved');--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_versions_published_uq" ON "catalog_versions" USING btree ("catalog_id") WHERE "catalog_versions"."state" = 'published';--> statement-breakpoint
CREATE UNIQUE INDEX "catalogs_agency_domain_uq" ON "catalogs" USING btree ("agency_id","domain_id");