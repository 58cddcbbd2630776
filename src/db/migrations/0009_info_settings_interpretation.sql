CREATE TABLE "info_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"index_rule" text NOT NULL,
	"assemblies" text[] NOT NULL,
	"interpretation_kinds" text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "info_settings_single_row" CHECK ("info_settings"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "info_editions" ADD COLUMN "qa" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "info_editions" ADD COLUMN "media_url" text;