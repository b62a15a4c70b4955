-- Check-ins become responses of the monthly campaign: answers keyed by the form's field names.
INSERT INTO "responses" ("id", "round_id", "person_id", "answers", "submitted_at", "late", "source", "revisions")
SELECT "id", "round_id", "person_id",
  jsonb_build_object('home_visits', "home_visits", 'phone_followups', "phone_followups", 'new_alerts', "new_alerts", 'note', "note"),
  "submitted_at", "late", "source", "revisions"
FROM "check_ins";--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('responses', 'id'), COALESCE((SELECT max("id") FROM "responses"), 0) + 1, false);--> statement-breakpoint
INSERT INTO "response_revisions" ("response_id", "answers", "submitted_at", "late", "source", "replaced_at")
SELECT "check_in_id",
  jsonb_build_object('home_visits', "home_visits", 'phone_followups', "phone_followups", 'new_alerts', "new_alerts", 'note', "note"),
  "submitted_at", "late", "source", "replaced_at"
FROM "check_in_revisions";
--> statement-breakpoint
-- The monthly campaign's definition, as data: schedule, reminder ladder, escalation, form.
UPDATE "campaigns" SET "definition" = '{
  "code": "monthly-monitoring",
  "title": "常态化动态预警监测",
  "audience": "teachers",
  "cadence": "monthly",
  "opens": { "day": 1, "time": "09:00" },
  "due": { "day": 25, "time": "18:00" },
  "pausesInVacation": false,
  "reminders": [
    { "step": "due-3d", "daysBefore": 3, "time": "09:00", "to": "principals" },
    { "step": "due-day", "daysBefore": 0, "time": "09:00", "to": "principals" }
  ],
  "escalation": { "afterWorkdaysOverdue": 3 },
  "form": { "fields": [
    { "name": "home_visits", "label": "走访户数", "type": "count", "max": 9999, "required": false,
      "synonyms": ["入户走访", "走访", "入户", "家访", "上门走访", "上门"] },
    { "name": "phone_followups", "label": "电话随访户数", "type": "count", "max": 9999, "required": false,
      "synonyms": ["电话随访", "电话回访", "电话家访", "电话联系", "电访", "电话", "随访"] },
    { "name": "new_alerts", "label": "新增预警人数", "type": "count", "max": 9999, "required": false,
      "synonyms": ["新增预警学生", "新增预警", "预警新增", "新发现预警", "预警"] },
    { "name": "note", "label": "备注", "type": "text", "maxLength": 500, "required": false, "synonyms": ["说明"] }
  ] },
  "active": true
}'::jsonb
WHERE "code" = 'monthly-monitoring';
