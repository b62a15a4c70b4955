CREATE TABLE "evidence" (
	"id" serial PRIMARY KEY NOT NULL,
	"school_id" integer NOT NULL,
	"sub_item_id" integer,
	"period" text NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"byte_length" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"lark_message_id" text,
	"uploaded_by_id" integer NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"review" text DEFAULT 'pending' NOT NULL,
	"reviewed_by_id" integer,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	CONSTRAINT "evidence_storage_key_unique" UNIQUE("storage_key"),
	CONSTRAINT "evidence_lark_message_id_unique" UNIQUE("lark_message_id"),
	CONSTRAINT "evidence_review_check" CHECK ("evidence"."review" in ('pending', 'accepted', 'rejected')),
	CONSTRAINT "evidence_kind_check" CHECK ("evidence"."kind" in ('image', 'file'))
);
--> statement-breakpoint
CREATE TABLE "framework_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"framework_id" integer NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"points" numeric(6, 1) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "framework_sub_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"framework_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"position" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"points" numeric(6, 1) NOT NULL,
	"scoring" text NOT NULL,
	"formula" text,
	"guidance" text,
	CONSTRAINT "framework_sub_items_scoring_check" CHECK ("framework_sub_items"."scoring" in ('data', 'inspection', 'evidence'))
);
--> statement-breakpoint
CREATE TABLE "frameworks" (
	"id" serial PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"title" text NOT NULL,
	"is_example" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"loaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "frameworks_version_unique" UNIQUE("version")
);
--> statement-breakpoint
CREATE TABLE "inspection_scores" (
	"id" serial PRIMARY KEY NOT NULL,
	"inspection_id" integer NOT NULL,
	"sub_item_id" integer NOT NULL,
	"score" numeric(6, 1) NOT NULL,
	"reason" text,
	"remedy" text,
	"photo_evidence_id" integer,
	"by_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"replaced_at" timestamp with time zone,
	"replaced_by_id" integer
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" serial PRIMARY KEY NOT NULL,
	"school_id" integer NOT NULL,
	"framework_id" integer NOT NULL,
	"period" text NOT NULL,
	"inspector_id" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"notified_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rectifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"inspection_id" integer NOT NULL,
	"by_id" integer NOT NULL,
	"note" text NOT NULL,
	"evidence_id" integer,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_sub_item_id_framework_sub_items_id_fk" FOREIGN KEY ("sub_item_id") REFERENCES "public"."framework_sub_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_uploaded_by_id_people_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_reviewed_by_id_people_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_items" ADD CONSTRAINT "framework_items_framework_id_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."frameworks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_sub_items" ADD CONSTRAINT "framework_sub_items_framework_id_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."frameworks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_sub_items" ADD CONSTRAINT "framework_sub_items_item_id_framework_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."framework_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_scores" ADD CONSTRAINT "inspection_scores_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_scores" ADD CONSTRAINT "inspection_scores_sub_item_id_framework_sub_items_id_fk" FOREIGN KEY ("sub_item_id") REFERENCES "public"."framework_sub_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_scores" ADD CONSTRAINT "inspection_scores_by_id_people_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_framework_id_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."frameworks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_inspector_id_people_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_by_id_people_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_school_idx" ON "evidence" USING btree ("school_id","sub_item_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "framework_items_name_key" ON "framework_items" USING btree ("framework_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "framework_sub_items_code_key" ON "framework_sub_items" USING btree ("framework_id","code");--> statement-breakpoint
CREATE INDEX "inspection_scores_inspection_idx" ON "inspection_scores" USING btree ("inspection_id","sub_item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_scores_current_key" ON "inspection_scores" USING btree ("inspection_id","sub_item_id") WHERE "inspection_scores"."replaced_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "inspections_school_period_key" ON "inspections" USING btree ("school_id","framework_id","period");--> statement-breakpoint
CREATE INDEX "inspections_period_idx" ON "inspections" USING btree ("period");--> statement-breakpoint
CREATE INDEX "rectifications_inspection_idx" ON "rectifications" USING btree ("inspection_id");