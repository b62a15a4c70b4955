-- Collect once: the monthly check-in's counts are offered from the visits and alerts a teacher
-- recorded that month (入户 → 走访户数, 电话 or 视频 → 电话随访户数, newly on the register →
-- 新增预警人数). A campaign an admin loaded with other fields is left as it is.
UPDATE "campaigns" SET "definition" = jsonb_set("definition", '{form,fields}', (
  SELECT jsonb_agg(
    CASE f->>'name'
      WHEN 'home_visits' THEN f || '{"prefill": "visits.home"}'::jsonb
      WHEN 'phone_followups' THEN f || '{"prefill": "visits.remote"}'::jsonb
      WHEN 'new_alerts' THEN f || '{"prefill": "alerts.new"}'::jsonb
      ELSE f
    END ORDER BY ord)
  FROM jsonb_array_elements("definition"->'form'->'fields') WITH ORDINALITY AS t(f, ord)
))
WHERE "code" = 'monthly-monitoring' AND jsonb_typeof("definition"->'form'->'fields') = 'array';
