-- Count fields gained `plausibleMax` (default 200): above it a text reply is confirmed with 是/否
-- before it is stored. Definitions stored before then get the default, as a new load would.
UPDATE "campaigns"
SET "definition" = jsonb_set(
  "definition",
  '{form,fields}',
  (
    SELECT jsonb_agg(
      CASE WHEN f->>'type' = 'count' AND NOT (f ? 'plausibleMax') THEN f || '{"plausibleMax": 200}'::jsonb ELSE f END
      ORDER BY i
    )
    FROM jsonb_array_elements("definition"->'form'->'fields') WITH ORDINALITY AS t(f, i)
  )
)
WHERE jsonb_typeof("definition"->'form'->'fields') = 'array';
