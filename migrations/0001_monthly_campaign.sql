-- The monthly check-in campaign exists from the first migrate: no demo data needed.
INSERT INTO "campaigns" ("code", "title", "audience", "schedule")
VALUES (
  'monthly-monitoring',
  '常态化动态预警监测',
  'teachers',
  '{"cadence":"monthly","opens":{"day":1,"time":"09:00"},"due":{"day":25,"time":"18:00"},"reminders":[{"step":"due-3d","daysBefore":3,"time":"09:00"},{"step":"due-day","daysBefore":0,"time":"09:00"}]}'::jsonb
)
ON CONFLICT ("code") DO NOTHING;
