ALTER TABLE "check_in_revisions" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "check_ins" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "check_in_revisions" CASCADE;--> statement-breakpoint
DROP TABLE "check_ins" CASCADE;--> statement-breakpoint
ALTER TABLE "campaigns" ALTER COLUMN "definition" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" DROP COLUMN "schedule";