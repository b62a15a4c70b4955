CREATE TABLE "reminder_ledger" (
	"round_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"message_key" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reminder_ledger" ADD CONSTRAINT "reminder_ledger_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_ledger" ADD CONSTRAINT "reminder_ledger_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reminder_ledger_key" ON "reminder_ledger" USING btree ("round_id","person_id","message_key");--> statement-breakpoint
CREATE INDEX "reminder_ledger_round_person_idx" ON "reminder_ledger" USING btree ("round_id","person_id");