import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { alertChanges, dropoutCases, homeVisits, people, schools, students } from '../../src/db/schema/index.js';
import { scoreSchools, type PeriodScores, type SchoolScore, type SubItemScore } from '../../src/domain/scoring/score-schools.js';
import { DomainError } from '../../src/errors.js';
import { insertReviewedEvidence } from '../fixtures/evidence-rows.js';
import { seedFixtureStudents } from '../fixtures/students.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { rawRows as rows } from '../../src/db/raw-rows.js';

const OFFICER = 'ou_demo_b1';
const TZ = 'Asia/Shanghai';
const Q4 = { start: '2026-10-01T00:00:00+08:00', end: '2027-01-01T00:00:00+08:00' };

/** Answers of a role's active people to the rounds of its campaigns due in Q4, and what was owed: counted the plain way. */
async function plainRounds(db: Db, schoolId: number, audience: 'teachers' | 'principals') {
  const role = audience === 'teachers' ? 'teacher' : 'principal';
  const monthlyOnly = audience === 'teachers' ? sql`and c.definition ->> 'cadence' = 'monthly'` : sql``;
  const [row] = await rows<{ due: number; people: number; answered: number; onTime: number }>(
    db,
    sql`with due as (select r.id from rounds r join campaigns c on c.id = r.campaign_id
                      where c.audience = ${audience} ${monthlyOnly} and r.due_at >= ${Q4.start}::timestamptz and r.due_at < ${Q4.end}::timestamptz)
        select (select count(*) from due)::int as due,
               (select count(*) from people where school_id = ${schoolId} and role = ${role} and active)::int as people,
               (select count(*) from responses x join people p on p.id = x.person_id
                 where x.round_id in (select id from due) and p.school_id = ${schoolId} and p.role = ${role} and p.active)::int as answered,
               (select count(*) from responses x join people p on p.id = x.person_id
                 where x.round_id in (select id from due) and p.school_id = ${schoolId} and p.role = ${role} and p.active and not x.late)::int as "onTime"`,
  );
  return { owed: row!.due * row!.people, answered: row!.answered, onTime: row!.onTime };
}

const subOf = (school: SchoolScore, code: string): SubItemScore => school.items.flatMap((i) => i.subItems).find((s) => s.code === code)!;
const tenths = (v: number) => Math.round(v * 10);

describe('scoring a period on the framework: data, inspection and evidence, against plain counts', () => {
  let ducha: TestDucha;
  let q4: PeriodScores;
  const schoolIds: Record<string, number> = {};
  const schoolOf = (scores: PeriodScores, chat: string) => scores.schools.find((s) => s.schoolId === schoolIds[chat])!;
  const inspect = async (words: string) => (await ducha.say(OFFICER, words)).reply!.text;

  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-10-09T09:00:00+08:00', roster: 'demo' });
    const db = ducha.db;
    for (const s of await db.select({ id: schools.id, chat: schools.chatId }).from(schools)) schoolIds[s.chat!] = s.id;
    await ducha.tick();
    for (const n of ['01', '02', '03', '04']) await ducha.say(`ou_demo_t01${n}`, '走访2户 电话1户', 'oc_demo_school_01');
    await ducha.tick('2026-11-02T09:00:00+08:00');
    for (const n of ['01', '02']) await ducha.say(`ou_demo_t01${n}`, '走访2户 电话1户', 'oc_demo_school_01');
    ducha.setTime('2026-11-20T10:00:00+08:00');
    expect(await inspect('督查 横渠镇中心小学 2.3 -2 劝返记录不全')).toContain('1/3 分');
    await ducha.tick('2026-12-01T09:00:00+08:00');
    ducha.setTime('2026-12-15T10:00:00+08:00');
    expect(await inspect('督查 横渠镇中心小学 2.3 -1 包联记录未更新')).toContain('2/3 分');
    expect(await inspect('督查 横渠镇中心小学 6.1 -3 围墙开裂')).toContain('1/4 分');
    expect(await inspect('督查 横渠镇中心小学 6.1 -1 复查已修补大部分')).toContain('已更正');

    await seedFixtureStudents(db, ducha.clock.now());
    const student = async (no: string, chat: string) =>
      (await db.select({ id: students.id }).from(students).innerJoin(schools, eq(schools.id, students.schoolId)).where(sql`${students.studentNo} = ${no} and ${schools.chatId} = ${chat}`))[0]!.id;
    const [teacher] = await db.select({ id: people.id }).from(people).where(eq(people.openId, 'ou_demo_t0101'));
    const [principal] = await db.select({ id: people.id }).from(people).where(eq(people.openId, 'ou_demo_p03'));
    const [luLu, yiMing, yiMing2, liuXing, ouYang, jiang] = [
      await student('2026001', 'oc_demo_school_01'),
      await student('2026002', 'oc_demo_school_01'),
      await student('2026003', 'oc_demo_school_01'),
      await student('2026004', 'oc_demo_school_01'),
      await student('2026005', 'oc_demo_school_01'),
      await student('2026001', 'oc_demo_school_02'),
    ];
    const at = ducha.clock.now();
    const visit = (studentId: number, visitedOn: string, aid = false) => ({
      studentId,
      teacherId: teacher!.id,
      visitedOn,
      mode: 'home' as const,
      recordedAt: at,
      ...(aid ? { aidStatus: 'full' as const, eligibility: 'eligible' as const } : {}),
    });
    // 蒋小鹿 seen in November twice and December once (two months); 沈一鸣 in September and October (one in Q4).
    await db.insert(homeVisits).values([visit(luLu, '2026-11-03', true), visit(luLu, '2026-11-10'), visit(luLu, '2026-12-02'), visit(yiMing, '2026-09-28'), visit(yiMing, '2026-10-08')]);
    // 蒋小鹿 raised to 预警 in November; 柳星 raised and cleared in September; 欧阳雨辰 at 预警 since September.
    await db.update(students).set({ alertLevel: 'alert' }).where(sql`${students.id} in (${luLu}, ${ouYang})`);
    await db.insert(alertChanges).values([
      { studentId: luLu, fromLevel: 'normal', toLevel: 'alert', at: new Date('2026-11-05T08:00:00+08:00') },
      { studentId: liuXing, fromLevel: 'normal', toLevel: 'alert', at: new Date('2026-09-01T08:00:00+08:00') },
      { studentId: liuXing, fromLevel: 'alert', toLevel: 'normal', at: new Date('2026-09-20T08:00:00+08:00') },
      { studentId: ouYang, fromLevel: 'normal', toLevel: 'alert', at: new Date('2026-09-10T08:00:00+08:00') },
    ]);
    // School 01's case closed in November; school 02's opened in November and still open.
    const dropout = (studentId: number, openedAt: string, closedAt: string | null) => ({
      studentId,
      state: closedAt ? ('returned' as const) : ('persuading' as const),
      responsibleId: teacher!.id,
      reason: '连续未到校',
      openedAt: new Date(openedAt),
      closedAt: closedAt ? new Date(closedAt) : null,
      updatedAt: at,
    });
    await db.insert(dropoutCases).values([dropout(yiMing2, '2026-10-02T09:00:00+08:00', '2026-11-20T09:00:00+08:00'), dropout(jiang, '2026-11-05T09:00:00+08:00', null)]);
    // School 03's evidence: 1.1 accepted, 1.2 waiting, 2.2 returned.
    await insertReviewedEvidence(db, {
      schoolId: schoolIds['oc_demo_school_03']!,
      uploadedById: principal!.id,
      period: '2026-11',
      at,
      items: [
        { code: '1.1', review: 'accepted' },
        { code: '1.2', review: 'pending' },
        { code: '2.2', review: 'rejected' },
      ],
    });
    q4 = await scoreSchools(db, { label: '2026-Q4', timezone: TZ });
  }, 120_000);
  afterAll(() => ducha?.close());

  it('an inspected sub-item scores its points less the lost points averaged over the months inspected; corrections replace', async () => {
    const school = schoolOf(q4, 'oc_demo_school_03');
    // November 1/3, December 2/3: 3 − (2 + 1) ÷ 2.
    expect(subOf(school, '2.3')).toMatchObject({ points: 3, score: 1.5, basis: { way: 'inspection', inspections: 2 } });
    const reasons = (subOf(school, '2.3').basis as { deductions: { reason: string | null }[] }).deductions.map((d) => d.reason);
    expect(reasons).toEqual(['劝返记录不全', '包联记录未更新']);
    // December's 6.1 was corrected from −3 to −1: only the score in force counts, halved over two months.
    const wall = subOf(school, '6.1');
    expect(wall.score).toBe(3.5);
    expect((wall.basis as { deductions: { reason: string | null }[] }).deductions.map((d) => d.reason)).toEqual(['复查已修补大部分']);
    expect(subOf(school, '7.3')).toMatchObject({ score: 4, basis: { way: 'inspection', inspections: 2, deductions: [] } });
    // A month alone: November's 2.3 is what the inspector gave.
    const november = await scoreSchools(ducha.db, { label: '2026-11', timezone: TZ });
    expect(subOf(schoolOf(november, 'oc_demo_school_03'), '2.3').score).toBe(1);
    expect(subOf(schoolOf(november, 'oc_demo_school_03'), '6.1').score).toBe(4);
  });

  it('a school not inspected in the period keeps full points for inspection, and says so', async () => {
    const school = schoolOf(q4, 'oc_demo_school_04');
    for (const sub of school.items.flatMap((i) => i.subItems).filter((s) => s.basis.way === 'inspection')) {
      expect(sub.score).toBe(sub.points);
      expect(sub.basis).toMatchObject({ inspections: 0 });
    }
  });

  it('evidence scores full only once the bureau accepted it; waiting and returned evidence score nothing', async () => {
    const school = schoolOf(q4, 'oc_demo_school_03');
    expect(subOf(school, '1.1')).toMatchObject({ score: 3, basis: { way: 'evidence', accepted: 1, pending: 0, rejected: 0 } });
    expect(subOf(school, '1.2')).toMatchObject({ score: 0, basis: { accepted: 0, pending: 1 } });
    expect(subOf(school, '2.2')).toMatchObject({ score: 0, basis: { rejected: 1 } });
    expect(subOf(schoolOf(q4, 'oc_demo_school_04'), '1.1').score).toBe(0);
    // Filed in November: nothing of it in December.
    const december = await scoreSchools(ducha.db, { label: '2026-12', timezone: TZ });
    expect(subOf(schoolOf(december, 'oc_demo_school_03'), '1.1').score).toBe(0);
  });

  it('the children’s formulas read the register as it was in the period', async () => {
    const school = schoolOf(q4, 'oc_demo_school_01');
    // Four at-risk children × three months owed; 蒋小鹿's two months and 沈一鸣's October reached: 4 × 3/12.
    expect(subOf(school, '3.2')).toMatchObject({ score: 1, basis: { figure: { formula: 'visits_per_at_risk', done: 3, owed: 12 } } });
    // At 预警 in Q4: 蒋小鹿 (visited) and 欧阳雨辰 (not); 柳星 was cleared in September.
    expect(subOf(school, '3.3')).toMatchObject({ score: 2, basis: { figure: { formula: 'alert_followup', done: 1, owed: 2 } } });
    // Three aided children, one checked on a visit: 5 × 1/3, in tenths.
    expect(subOf(school, '4.1')).toMatchObject({ score: 1.7, basis: { figure: { formula: 'aid_check_coverage', done: 1, owed: 3 } } });
    // School 01's case closed in November: clear at Q4's end, open at October's.
    expect(subOf(school, '2.1')).toMatchObject({ score: 6, basis: { figure: { done: 0 } } });
    const october = await scoreSchools(ducha.db, { label: '2026-10', timezone: TZ });
    expect(subOf(schoolOf(october, 'oc_demo_school_01'), '2.1')).toMatchObject({ score: 0, basis: { figure: { done: 1 } } });
    expect(subOf(schoolOf(q4, 'oc_demo_school_02'), '2.1')).toMatchObject({ score: 0, basis: { figure: { formula: 'open_dropouts_zero', done: 1 } } });
  });

  it('check-ins and principals’ reports match a plain count for every school, and every sum adds up as shown', async () => {
    for (const school of q4.schools) {
      const checkins = await plainRounds(ducha.db, school.schoolId, 'teachers');
      expect(subOf(school, '3.1').basis, school.school).toMatchObject({ figure: { done: checkins.answered, owed: checkins.owed } });
      const reports = await plainRounds(ducha.db, school.schoolId, 'principals');
      expect(subOf(school, '1.3').basis, school.school).toMatchObject({ figure: { done: reports.onTime, owed: reports.owed } });
      for (const item of school.items) expect(tenths(item.score)).toBe(item.subItems.reduce((sum, s) => sum + tenths(s.score), 0));
      expect(tenths(school.score)).toBe(school.items.reduce((sum, i) => sum + tenths(i.score), 0));
      expect(school.points).toBe(100);
    }
    // School 01's teachers answered 4 in October and 2 in November, of three rounds due in the quarter.
    const first = await plainRounds(ducha.db, schoolIds['oc_demo_school_01']!, 'teachers');
    expect(first.answered).toBe(6);
    expect(subOf(schoolOf(q4, 'oc_demo_school_01'), '3.1').score).toBe(tenths((4 * 6) / first.owed) / 10);
  });

  it('one school alone scores as it does among all; a bad period is refused with what to write', async () => {
    const alone = await scoreSchools(ducha.db, { label: '2026-Q4', timezone: TZ, schoolId: schoolIds['oc_demo_school_03']! });
    expect(alone.schools).toEqual([schoolOf(q4, 'oc_demo_school_03')]);
    await expect(scoreSchools(ducha.db, { label: '2026-13', timezone: TZ })).rejects.toThrow(DomainError);
    await expect(scoreSchools(ducha.db, { label: '秋季学期', timezone: TZ })).rejects.toThrow('不是可评分的时段');
  });
});
