CREATE TABLE "calendar_overrides" (
	"date" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "calendar_overrides_kind_check" CHECK ("calendar_overrides"."kind" in ('holiday', 'workday', 'none'))
);
--> statement-breakpoint
CREATE TABLE "school_periods" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	CONSTRAINT "school_periods_kind_check" CHECK ("school_periods"."kind" in ('term', 'vacation')),
	CONSTRAINT "school_periods_order" CHECK ("school_periods"."ends_on" >= "school_periods"."starts_on")
);
