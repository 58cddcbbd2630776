CREATE TABLE "foi_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"fees_enabled" boolean DEFAULT true NOT NULL,
	"default_fee_rule" text DEFAULT 'per_item' NOT NULL,
	"payment_workdays" integer DEFAULT 20 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "foi_settings_single_row" CHECK ("foi_settings"."id" = 1)
);
