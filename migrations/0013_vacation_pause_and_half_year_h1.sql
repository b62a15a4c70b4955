-- The monthly campaigns pause in school vacations (寒暑假): a round whose opening falls in a
-- vacation is skipped. No sends in vacations unless a campaign opts in; an admin who wants one to
-- run through vacations sets "pausesInVacation": false with `campaigns load`.
UPDATE "campaigns" SET "definition" = jsonb_set("definition", '{pausesInVacation}', 'true'::jsonb)
WHERE "code" IN ('monthly-monitoring', 'principal-monthly-plan');
--> statement-breakpoint
-- The half-year summary asks for the first half only: the annual report (全年有汇报, December) is
-- the second half's summary, so no principal owes two reports on July–December.
UPDATE "campaigns" SET "definition" = "definition" || '{"periodsOfYear": [1]}'::jsonb
WHERE "code" = 'half-year-summary' AND NOT ("definition" ? 'periodsOfYear');
