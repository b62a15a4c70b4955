CREATE TABLE "alert_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"student_id" integer NOT NULL,
	"from_level" text NOT NULL,
	"to_level" text NOT NULL,
	"reason" text,
	"by_id" integer,
	"visit_id" integer,
	"at" timestamp with time zone NOT NULL,
	"purged_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"person_id" integer,
	"role" text NOT NULL,
	"action" text NOT NULL,
	"student_id" integer,
	"channel" text NOT NULL,
	"chat_id" text,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "home_visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"student_id" integer NOT NULL,
	"teacher_id" integer NOT NULL,
	"visited_on" date NOT NULL,
	"mode" text NOT NULL,
	"findings" text,
	"measures" text,
	"risks" text[] DEFAULT '{}' NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"purged_at" timestamp with time zone,
	CONSTRAINT "home_visits_mode_check" CHECK ("home_visits"."mode" in ('home', 'phone', 'video'))
);
--> statement-breakpoint
CREATE TABLE "students" (
	"id" serial PRIMARY KEY NOT NULL,
	"school_id" integer NOT NULL,
	"student_no" text NOT NULL,
	"name" text NOT NULL,
	"class_name" text NOT NULL,
	"categories" text[] DEFAULT '{}' NOT NULL,
	"aid" text[] DEFAULT '{}' NOT NULL,
	"mentor_id" integer,
	"alert_level" text DEFAULT 'normal' NOT NULL,
	"left_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "students_alert_level_check" CHECK ("students"."alert_level" in ('normal', 'watch', 'alert'))
);
--> statement-breakpoint
ALTER TABLE "alert_changes" ADD CONSTRAINT "alert_changes_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_changes" ADD CONSTRAINT "alert_changes_by_id_people_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_changes" ADD CONSTRAINT "alert_changes_visit_id_home_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."home_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "home_visits" ADD CONSTRAINT "home_visits_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "home_visits" ADD CONSTRAINT "home_visits_teacher_id_people_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "students" ADD CONSTRAINT "students_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "students" ADD CONSTRAINT "students_mentor_id_people_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_changes_student_idx" ON "alert_changes" USING btree ("student_id","at");--> statement-breakpoint
CREATE INDEX "alert_changes_by_idx" ON "alert_changes" USING btree ("by_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_student_idx" ON "audit_log" USING btree ("student_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_person_idx" ON "audit_log" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "home_visits_student_idx" ON "home_visits" USING btree ("student_id","visited_on");--> statement-breakpoint
CREATE INDEX "home_visits_teacher_idx" ON "home_visits" USING btree ("teacher_id","visited_on");--> statement-breakpoint
CREATE UNIQUE INDEX "students_school_no_key" ON "students" USING btree ("school_id","student_no");--> statement-breakpoint
CREATE INDEX "students_school_name_idx" ON "students" USING btree ("school_id","name");