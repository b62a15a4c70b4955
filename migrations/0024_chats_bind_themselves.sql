ALTER TABLE "schools" ALTER COLUMN "chat_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "bot_removed_at" timestamp with time zone;