CREATE TABLE "people" (
	"id" serial PRIMARY KEY NOT NULL,
	"open_id" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"school_id" integer,
	"chat_id" text,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "people_open_id_unique" UNIQUE("open_id"),
	CONSTRAINT "people_role_check" CHECK ("people"."role" in ('teacher', 'principal', 'bureau', 'admin')),
	CONSTRAINT "people_school_staff_have_school" CHECK (("people"."role" in ('teacher', 'principal')) = ("people"."school_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "schools" (
	"id" serial PRIMARY KEY NOT NULL,
	"town_id" integer NOT NULL,
	"name" text NOT NULL,
	"education_group" text,
	"chat_id" text NOT NULL,
	CONSTRAINT "schools_chat_id_unique" UNIQUE("chat_id")
);
--> statement-breakpoint
CREATE TABLE "towns" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "towns_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"audience" text NOT NULL,
	"schedule" jsonb NOT NULL,
	CONSTRAINT "campaigns_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"period" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rounds_due_after_open" CHECK ("rounds"."due_at" > "rounds"."opens_at")
);
--> statement-breakpoint
CREATE TABLE "check_in_revisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"check_in_id" integer NOT NULL,
	"home_visits" integer NOT NULL,
	"phone_followups" integer NOT NULL,
	"new_alerts" integer NOT NULL,
	"note" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"late" boolean NOT NULL,
	"source" text NOT NULL,
	"replaced_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "check_ins" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"home_visits" integer NOT NULL,
	"phone_followups" integer NOT NULL,
	"new_alerts" integer NOT NULL,
	"note" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"late" boolean NOT NULL,
	"source" text NOT NULL,
	"revisions" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "check_ins_counts_non_negative" CHECK ("check_ins"."home_visits" >= 0 and "check_ins"."phone_followups" >= 0 and "check_ins"."new_alerts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "received_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"message_id" text,
	"event_type" text NOT NULL,
	"payload" jsonb,
	"received_at" timestamp with time zone NOT NULL,
	"processed_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"receive_id_type" text,
	"receive_id" text,
	"reply_to" text,
	"msg_type" text NOT NULL,
	"content" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"claimed_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"lark_message_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_key_unique" UNIQUE("key"),
	CONSTRAINT "outbox_key_length" CHECK (char_length("outbox"."key") <= 50),
	CONSTRAINT "outbox_has_target" CHECK ("outbox"."reply_to" is not null or ("outbox"."receive_id_type" is not null and "outbox"."receive_id" is not null)),
	CONSTRAINT "outbox_status_check" CHECK ("outbox"."status" in ('pending', 'sending', 'sent', 'dead'))
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"key" text PRIMARY KEY NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schools" ADD CONSTRAINT "schools_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_in_revisions" ADD CONSTRAINT "check_in_revisions_check_in_id_check_ins_id_fk" FOREIGN KEY ("check_in_id") REFERENCES "public"."check_ins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "people_school_idx" ON "people" USING btree ("school_id");--> statement-breakpoint
CREATE UNIQUE INDEX "schools_town_name_key" ON "schools" USING btree ("town_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "rounds_campaign_period_key" ON "rounds" USING btree ("campaign_id","period");--> statement-breakpoint
CREATE INDEX "check_in_revisions_check_in_idx" ON "check_in_revisions" USING btree ("check_in_id");--> statement-breakpoint
CREATE UNIQUE INDEX "check_ins_round_person_key" ON "check_ins" USING btree ("round_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "received_events_message_id_key" ON "received_events" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "received_events_unprocessed_idx" ON "received_events" USING btree ("received_at") WHERE "received_events"."processed_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("not_before") WHERE "outbox"."status" in ('pending', 'sending');