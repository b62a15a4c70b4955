ALTER TABLE "outbox" ADD COLUMN "rate_key" text;--> statement-breakpoint
-- Rows queued before this column existed: by their target (a reply's chat is unknown here).
UPDATE "outbox" SET "rate_key" = CASE
  WHEN "receive_id_type" = 'open_id' THEN 'user:' || "receive_id"
  WHEN "receive_id_type" = 'chat_id' THEN 'chat:' || "receive_id"
  ELSE 'reply:' || "reply_to" END;--> statement-breakpoint
ALTER TABLE "outbox" ALTER COLUMN "rate_key" SET NOT NULL;
