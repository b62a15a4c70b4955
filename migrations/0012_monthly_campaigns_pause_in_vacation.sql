-- The monthly check-in pauses in school vacations (寒暑假) like the other monthly campaign: a round
-- whose opening falls in a vacation is skipped. No sends in vacations unless a campaign opts in.
-- An admin who wants it to run through vacations sets "pausesInVacation": false with `campaigns load`.
UPDATE "campaigns" SET "definition" = jsonb_set("definition", '{pausesInVacation}', 'true'::jsonb)
WHERE "code" = 'monthly-monitoring';
