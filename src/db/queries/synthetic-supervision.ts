import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../database.js';
import { settleForBulkLoad } from './synthetic-region.js';
import { insertSyntheticEvidence } from './synthetic-evidence.js';
import { rawRows as rows, rawCount as count } from '../raw-rows.js';

/**
 * 月督查 of `npm run cli -- generate`, set-based like the rest of the region, one statement per
 * month and table: every school inspected once a month on the framework's inspection sub-items
 * (every sub-item scored, as the form scores them; a deduction with its reason and remedy), a few
 * deductions corrected on review (a new row with its reason, the old one kept and marked
 * replaced), most deductions answered with 已整改, an audit row for each act; then the evidence
 * the schools filed (synthetic-evidence.ts). Hashes of the seed decide everything.
 */

export type SupervisionStanding = 'steady' | 'slipping' | 'lagging';
export type SupervisionSchool = { chatId: string; standing: SupervisionStanding };
export type SupervisionInput = {
  seed: number;
  frameworkId: number;
  /** `YYYY-MM`, oldest first: the year inspected. */
  months: string[];
  schools: SupervisionSchool[];
  /** The bureau officer who inspects and reviews evidence. */
  inspectorOpenId: string;
  timezone: string;
  now: Date;
  progress(msg: string, fields?: Record<string, unknown>): void;
};
export type SupervisionCounts = {
  inspections: number;
  inspectionScores: number;
  deductions: number;
  corrections: number;
  rectifications: number;
  evidence: number;
  evidenceAccepted: number;
  evidencePending: number;
  evidenceRejected: number;
};

/**
 * Per standing: deductions per thousand sub-items scored and the largest in half points; the
 * percent of inspections with deductions answered 已整改; the percent of evidence sub-items filed
 * in a month and of reviewed evidence returned. Most schools lose a point now and then; a few lose
 * several on most visits, answer less and file less.
 */
const ODDS: Record<SupervisionStanding, { deduct: number; worst: number; rectify: number; file: number; reject: number }> = {
  steady: { deduct: 50, worst: 2, rectify: 80, file: 75, reject: 6 },
  slipping: { deduct: 150, worst: 3, rectify: 65, file: 55, reject: 12 },
  lagging: { deduct: 400, worst: 8, rectify: 35, file: 30, reject: 30 },
};

const REASONS = ['记录不全，缺两周', '台账与实际不符', '抽查学生说不清帮扶内容', '未见本月记录', '上次发现的问题未整改', '资料未按要求归档', '抽访家长不知晓相关政策', '制度上墙但未落实'];
const REMEDIES = ['本月内补齐，报中心校复核', '建立台账，下月督查复查', '专人负责，一周内整改', '召开专题会议落实整改'];
const NOTES = ['已整改：记录已补齐并建立台账', '已整改：帮扶记录已补全，逐人核对', '已整改：宣传资料已发放到户', '已整改：台账已规范，每日登记', '已整改：问题已排除，附照片'];

const pick = (list: readonly string[], h: SQL) => sql`(${JSON.stringify(list)}::jsonb ->> ((${h}) % ${list.length})::int)`;

/** The schools with their odds and principal (who answers and files), as a CTE body. */
export function supervisedSchools(schools: readonly SupervisionSchool[]): SQL {
  const json = JSON.stringify(schools.map((s) => ({ chat_id: s.chatId, ...ODDS[s.standing] })));
  return sql`
    select sc.id as school_id, sc.name as school, s.deduct, s.worst, s.rectify, s.file, s.reject,
      (select p.id from people p where p.school_id = sc.id and p.role = 'principal' order by p.id limit 1) as principal_id
    from jsonb_to_recordset(${json}::jsonb) as s(chat_id text, deduct int, worst int, rectify int, file int, reject int)
    join schools sc on sc.chat_id = s.chat_id`;
}

export async function insertSyntheticSupervision(db: Db, o: SupervisionInput): Promise<SupervisionCounts> {
  const now = sql`${o.now.toISOString()}::timestamptz`;
  const tz = sql`${o.timezone}::text`;
  const h = (key: SQL) => sql`(hashtextextended(${key}, ${o.seed}) & 9223372036854775807)`;
  const gen = supervisedSchools(o.schools);
  const inspector = sql`(select id from people where open_id = ${o.inspectorOpenId})`;
  const counts = { inspections: 0, inspectionScores: 0, deductions: 0, corrections: 0, rectifications: 0 };
  await db.transaction(async (tx) => {
    await settleForBulkLoad(tx);
    for (const month of o.months) {
      // One visit a month on a weekday-ish day 3..25 between 09:00 and 16:00; 3 in 100 school-months missed.
      const [row] = await rows<{ inspections: number | string; scores: number | string; deductions: number | string }>(
        tx,
        sql`
        with gen as materialized (${gen}),
        planned as materialized (
          select g.school_id, ((${month} || '-01')::date + (3 + x.h % 23)::int)::timestamp + interval '9 hours' + ((x.h / 23) % 420) * interval '1 minute' as local_at
          from gen g cross join lateral (select ${h(sql`'insp' || g.school_id || '@' || ${month}`)} as h) x
          where (x.h / 10000) % 100 >= 3
        ),
        ins as (
          insert into inspections (school_id, framework_id, period, inspector_id, created_at, notified_at)
          select p.school_id, ${o.frameworkId}, ${month}, ${inspector}, p.local_at at time zone ${tz}, p.local_at at time zone ${tz}
          from planned p where p.local_at at time zone ${tz} <= ${now}
          order by p.school_id
          returning id, school_id, inspector_id, created_at
        ),
        subs as (
          select fs.id, fs.points, fi.position as item_position, fs.position
          from framework_sub_items fs join framework_items fi on fi.id = fs.item_id
          where fs.framework_id = ${o.frameworkId} and fs.scoring = 'inspection'
        ),
        scored as (
          insert into inspection_scores (inspection_id, sub_item_id, score, reason, remedy, by_id, at)
          select ins.id, s.id, greatest(0, s.points - d.lost),
            case when d.lost > 0 then ${pick(REASONS, sql`y.h / 100000`)} end,
            case when d.lost > 0 then ${pick(REMEDIES, sql`y.h / 10000000`)} end,
            ins.inspector_id, ins.created_at
          from ins join gen g on g.school_id = ins.school_id cross join subs s
          cross join lateral (select ${h(sql`'score' || ins.school_id || '_' || s.id || '@' || ${month}`)} as h) y
          cross join lateral (select case when y.h % 1000 < g.deduct then 0.5 * (1 + (y.h / 1000) % g.worst) else 0 end as lost) d
          order by ins.id, s.item_position, s.position
          returning reason
        )
        select (select count(*) from ins) as inspections, count(*) as scores, count(*) filter (where reason is not null) as deductions from scored`,
      );
      counts.inspections += Number(row!.inspections);
      counts.inspectionScores += Number(row!.scores);
      counts.deductions += Number(row!.deductions);
    }
    o.progress('generate: inspections written', { inspections: counts.inspections, scores: counts.inspectionScores, deductions: counts.deductions });
    counts.corrections = await correctSomeDeductions(tx, { h, now });
    counts.inspectionScores += counts.corrections;
    for (const month of o.months) await auditScores(tx, month);
    counts.rectifications = await rectifySome(tx, { h, now, gen });
    o.progress('generate: corrections and rectifications written', { corrections: counts.corrections, rectifications: counts.rectifications });
  });
  const evidence = await insertSyntheticEvidence(db, { ...o, gen });
  await db.execute(sql`analyze inspections, inspection_scores, rectifications, evidence, audit_log`);
  return { ...counts, ...evidence };
}

/**
 * 8 in 100 deductions are reviewed 1..5 days later, as the correction path does it: the row in
 * force is marked replaced, the new one goes in with its own reason (the deduction withdrawn, or
 * halved) and the remedy in force, and the old row names it.
 */
async function correctSomeDeductions(tx: Db, o: { h: (key: SQL) => SQL; now: SQL }): Promise<number> {
  await tx.execute(sql`
    update inspection_scores t set replaced_at = t.at + (1 + x.h % 5) * interval '1 day' + interval '2 hours'
    from (select s.id, ${o.h(sql`'fix-score' || s.id`)} as h from inspection_scores s where s.reason is not null and s.replaced_at is null) x
    where t.id = x.id and (x.h / 5) % 100 < 8 and t.at + (1 + x.h % 5) * interval '1 day' + interval '2 hours' <= ${o.now}`);
  const corrected = await count(
    tx,
    sql`
    with inserted as (
      insert into inspection_scores (inspection_id, sub_item_id, score, reason, remedy, by_id, at)
      select t.inspection_id, t.sub_item_id,
        case when x.h % 2 = 0 then fs.points else fs.points - floor(fs.points - t.score) * 0.5 end,
        case when x.h % 2 = 0 then '复核：学校补交了记录，扣分撤回' else '复核：部分记录已补交，减半扣分' end,
        t.remedy, t.by_id, t.replaced_at
      from inspection_scores t join framework_sub_items fs on fs.id = t.sub_item_id
      cross join lateral (select ${o.h(sql`'fix-new' || t.id`)} as h) x
      where t.replaced_at is not null and t.replaced_by_id is null
      order by t.id
      returning 1
    )
    select count(*) as n from inserted`,
  );
  await tx.execute(sql`
    update inspection_scores t set replaced_by_id = n.id
    from inspection_scores n
    where n.inspection_id = t.inspection_id and n.sub_item_id = t.sub_item_id and n.replaced_at is null
      and t.replaced_at is not null and t.replaced_by_id is null`);
  return corrected;
}

/** An audit row per score and per correction of a month, worded as texts/inspection-texts.ts words them. */
async function auditScores(tx: Db, month: string): Promise<void> {
  const num = (v: SQL) => sql`trim_scale(${v})::text`;
  await tx.execute(sql`
    insert into audit_log (at, person_id, role, action, student_id, channel, chat_id, detail)
    select n.at, n.by_id, p.role, case when old.id is null then 'inspection_score' else 'inspection_correction' end, null, 'card', null,
      case when old.id is null
        then '督查 ' || sc.name || ' ' || i.period || ' ' || fs.code || ' 得分 ' || ${num(sql`n.score`)} || coalesce('，原因：' || n.reason, '')
        else '督查更正 ' || sc.name || ' ' || i.period || ' ' || fs.code || ' ' || ${num(sql`old.score`)} || ' → ' || ${num(sql`n.score`)} || '，原因：' || n.reason
      end
    from inspection_scores n
    join inspections i on i.id = n.inspection_id
    join schools sc on sc.id = i.school_id
    join framework_sub_items fs on fs.id = n.sub_item_id
    join people p on p.id = n.by_id
    left join inspection_scores old on old.replaced_by_id = n.id
    where i.period = ${month}
    order by n.at, n.id`);
}

/** 已整改: the principal answers an inspection still holding a deduction, 1..10 days later (by standing, most do), audited. */
async function rectifySome(tx: Db, o: { h: (key: SQL) => SQL; now: SQL; gen: SQL }): Promise<number> {
  return count(
    tx,
    sql`
    with gen as materialized (${o.gen}),
    owed as (
      select i.id, i.period, g.school, g.principal_id, g.rectify, i.created_at, ${o.h(sql`'rectify' || i.id`)} as h
      from inspections i join gen g on g.school_id = i.school_id
      where g.principal_id is not null and exists (
        select 1 from inspection_scores s join framework_sub_items fs on fs.id = s.sub_item_id
        where s.inspection_id = i.id and s.replaced_at is null and s.score < fs.points)
    ),
    answered as (
      select w.*, w.created_at + (1 + w.h % 10) * interval '1 day' + ((w.h / 10) % 480) * interval '1 minute' as at
      from owed w where (w.h / 4800) % 100 < w.rectify
    ),
    fixed as (
      insert into rectifications (inspection_id, by_id, note, at)
      select a.id, a.principal_id, ${pick(NOTES, sql`a.h / 480000`)}, a.at
      from answered a where a.at <= ${o.now}
      order by a.at, a.id
      returning inspection_id, by_id, at
    ),
    audited as (
      insert into audit_log (at, person_id, role, action, student_id, channel, chat_id, detail)
      select f.at, f.by_id, 'principal', 'inspection_rectification', null, 'card', null, '整改回复 ' || a.school || ' ' || a.period
      from fixed f join answered a on a.id = f.inspection_id
      order by f.at, f.inspection_id
      returning 1
    )
    select count(*) as n from fixed`,
  );
}
