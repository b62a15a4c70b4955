CREATE TABLE "aid_followups" (
	"id" serial PRIMARY KEY NOT NULL,
	"student_id" integer NOT NULL,
	"visit_id" integer NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by_id" integer,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "daily_checks" (
	"id" serial PRIMARY KEY NOT NULL,
	"mentor_id" integer NOT NULL,
	"student_id" integer NOT NULL,
	"day" date NOT NULL,
	"answer" text,
	"note" text,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dropout_case_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"kind" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"by_id" integer,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dropout_cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"student_id" integer NOT NULL,
	"state" text NOT NULL,
	"responsible_id" integer NOT NULL,
	"reason" text NOT NULL,
	"transferred_to" text,
	"exempt_reason" text,
	"exempt_approved_by_id" integer,
	"visit_id" integer,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dropout_cases_state_check" CHECK ("dropout_cases"."state" in ('suspected', 'dropped', 'persuading', 'returned', 'transferred', 'exempted'))
);
--> statement-breakpoint
CREATE TABLE "persuasion_attempts" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"by_id" integer NOT NULL,
	"attempted_on" date NOT NULL,
	"method" text NOT NULL,
	"result" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "school_settings" (
	"school_id" integer PRIMARY KEY NOT NULL,
	"daily_check" boolean DEFAULT false NOT NULL,
	"daily_check_at" text DEFAULT '16:30' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "home_visits" ADD COLUMN "aid_status" text;--> statement-breakpoint
ALTER TABLE "home_visits" ADD COLUMN "eligibility" text;--> statement-breakpoint
ALTER TABLE "aid_followups" ADD CONSTRAINT "aid_followups_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_followups" ADD CONSTRAINT "aid_followups_visit_id_home_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."home_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_followups" ADD CONSTRAINT "aid_followups_closed_by_id_people_id_fk" FOREIGN KEY ("closed_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_checks" ADD CONSTRAINT "daily_checks_mentor_id_people_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_checks" ADD CONSTRAINT "daily_checks_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dropout_case_events" ADD CONSTRAINT "dropout_case_events_case_id_dropout_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."dropout_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dropout_case_events" ADD CONSTRAINT "dropout_case_events_by_id_people_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dropout_cases" ADD CONSTRAINT "dropout_cases_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dropout_cases" ADD CONSTRAINT "dropout_cases_responsible_id_people_id_fk" FOREIGN KEY ("responsible_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dropout_cases" ADD CONSTRAINT "dropout_cases_exempt_approved_by_id_people_id_fk" FOREIGN KEY ("exempt_approved_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dropout_cases" ADD CONSTRAINT "dropout_cases_visit_id_home_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."home_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persuasion_attempts" ADD CONSTRAINT "persuasion_attempts_case_id_dropout_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."dropout_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persuasion_attempts" ADD CONSTRAINT "persuasion_attempts_by_id_people_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_settings" ADD CONSTRAINT "school_settings_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "aid_followups_student_idx" ON "aid_followups" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "aid_followups_open_idx" ON "aid_followups" USING btree ("closed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "daily_checks_mentor_student_day_key" ON "daily_checks" USING btree ("mentor_id","student_id","day");--> statement-breakpoint
CREATE INDEX "daily_checks_day_idx" ON "daily_checks" USING btree ("day");--> statement-breakpoint
CREATE INDEX "dropout_case_events_case_idx" ON "dropout_case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "dropout_cases_one_open_per_student" ON "dropout_cases" USING btree ("student_id") WHERE "dropout_cases"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "dropout_cases_state_idx" ON "dropout_cases" USING btree ("state");--> statement-breakpoint
CREATE INDEX "persuasion_attempts_case_idx" ON "persuasion_attempts" USING btree ("case_id","attempted_on");