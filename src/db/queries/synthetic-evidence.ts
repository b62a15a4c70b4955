import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../database.js';
import { settleForBulkLoad } from './synthetic-region.js';

/**
 * 档案资料 of `npm run cli -- generate`: the metadata of what schools filed (no bytes are stored),
 * one statement per month. Each month a school files under some of the framework's evidence
 * sub-items (by its standing); the bureau reviews 1..8 days later, so the latest uploads are still
 * pending; of the reviewed, most are accepted and some returned with a note.
 */

const REJECT_NOTES = ['照片模糊，请重新拍摄上传', '材料与子项不符', '缺少盖章页', '日期不在本期', '名单含学生身份证号，请打码后重传'];

type EvidenceCounts = { evidence: number; evidenceAccepted: number; evidencePending: number; evidenceRejected: number };

export async function insertSyntheticEvidence(
  db: Db,
  o: {
    seed: number;
    frameworkId: number;
    months: string[];
    /** The schools with their odds and principal (synthetic-supervision.ts supervisedSchools). */
    gen: SQL;
    inspectorOpenId: string;
    timezone: string;
    now: Date;
    progress(msg: string, fields?: Record<string, unknown>): void;
  },
): Promise<EvidenceCounts> {
  const now = sql`${o.now.toISOString()}::timestamptz`;
  const h = (key: SQL) => sql`(hashtextextended(${key}, ${o.seed}) & 9223372036854775807)`;
  const counts: EvidenceCounts = { evidence: 0, evidenceAccepted: 0, evidencePending: 0, evidenceRejected: 0 };
  await db.transaction(async (tx) => {
    await settleForBulkLoad(tx);
    for (const month of o.months) {
      const result = (await tx.execute(sql`
        with gen as materialized (${o.gen}),
        subs as (
          select fs.id, fs.code from framework_sub_items fs
          where fs.framework_id = ${o.frameworkId} and fs.scoring = 'evidence'
        ),
        filed as materialized (
          select g.school_id, g.principal_id, g.reject, s.id as sub_item_id, s.code, x.h,
            (((${month} || '-01')::date + ((x.h / 100) % 27)::int)::timestamp + interval '8 hours' + ((x.h / 2700) % 600) * interval '1 minute')
              at time zone ${o.timezone}::text as uploaded_at
          from gen g cross join subs s
          cross join lateral (select ${h(sql`'evidence' || g.school_id || '_' || s.id || '@' || ${month}`)} as h) x
          where x.h % 100 < g.file and g.principal_id is not null
        ),
        inserted as (
          insert into evidence (school_id, sub_item_id, period, kind, file_name, mime_type, byte_length, sha256, storage_key,
            lark_message_id, uploaded_by_id, uploaded_at, review, reviewed_by_id, reviewed_at, review_note)
          select f.school_id, f.sub_item_id, ${month}, k.kind, f.code || '_' || ${month} || k.ext, k.mime, k.bytes,
            encode(sha256(convert_to(k.message, 'UTF8')), 'hex'), 'school-' || f.school_id || '/' || ${month} || '/' || k.message || k.ext,
            k.message, f.principal_id, f.uploaded_at, v.review,
            case when v.review <> 'pending' then (select id from people where open_id = ${o.inspectorOpenId}) end,
            case when v.review <> 'pending' then v.reviewed_at end,
            case when v.review = 'rejected' then (${JSON.stringify(REJECT_NOTES)}::jsonb ->> ((f.h / 60000000) % ${REJECT_NOTES.length})::int) end
          from filed f
          cross join lateral (
            select case when f.h % 3 = 0 then 'file' else 'image' end as kind,
              case when f.h % 3 = 0 then '.pdf' else '.jpg' end as ext,
              case when f.h % 3 = 0 then 'application/pdf' else 'image/jpeg' end as mime,
              (50000 + (f.h / 1620000) % 3000000)::int as bytes,
              'om_gen_ev_' || f.school_id || '_' || f.sub_item_id || '_' || replace(${month}, '-', '') as message
          ) k
          cross join lateral (
            select f.uploaded_at + (1 + (f.h / 270000) % 8) * interval '1 day' as reviewed_at, (f.h / 2160000) % 100 as r
          ) w
          cross join lateral (
            select w.reviewed_at,
              case when w.reviewed_at > ${now} or w.r < 4 then 'pending' when w.r < 4 + f.reject then 'rejected' else 'accepted' end as review
          ) v
          where f.uploaded_at <= ${now}
          order by f.school_id, f.sub_item_id
          returning review
        )
        select count(*) as n, count(*) filter (where review = 'accepted') as accepted,
          count(*) filter (where review = 'pending') as pending, count(*) filter (where review = 'rejected') as rejected
        from inserted`)) as unknown as Row[] | { rows: Row[] };
      const row = (Array.isArray(result) ? result : result.rows)[0]!;
      counts.evidence += Number(row.n);
      counts.evidenceAccepted += Number(row.accepted);
      counts.evidencePending += Number(row.pending);
      counts.evidenceRejected += Number(row.rejected);
    }
    o.progress('generate: evidence written', { ...counts });
  });
  return counts;
}

type Row = { n: number | string; accepted: number | string; pending: number | string; rejected: number | string };
