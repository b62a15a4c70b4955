CREATE TABLE "outbox_attachments" (
	"outbox_key" text PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"file_type" text NOT NULL,
	"bytes" "bytea",
	"byte_length" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "group_role" text;--> statement-breakpoint
ALTER TABLE "outbox_attachments" ADD CONSTRAINT "outbox_attachments_outbox_key_outbox_key_fk" FOREIGN KEY ("outbox_key") REFERENCES "public"."outbox"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "schools_education_group_idx" ON "schools" USING btree ("education_group") WHERE "schools"."education_group" is not null;--> statement-breakpoint
ALTER TABLE "schools" ADD CONSTRAINT "schools_group_role_check" CHECK ("schools"."group_role" in ('core', 'member', 'weak'));