import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { callbackValue, findNodes } from '../helpers/card-tree.js';
import { pageButtons, pageOf } from '../helpers/summary-pages.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { seedFixtureStudents } from '../fixtures/students.js';
import { rawRows as rows } from '../../src/db/raw-rows.js';

const OFFICER = 'ou_demo_b1';
const BUREAU = 'oc_demo_bureau';

/** Teachers' answers to the monthly check-in in these months, and active teachers × months: counted the plain way. */
async function plainCompletion(db: Db, months: string[], where = sql`true`) {
  const [row] = await rows<{ answered: number; teachers: number; late: number }>(
    db,
    sql`select
          (select count(*) from responses x join people p on p.id = x.person_id join rounds r on r.id = x.round_id
             join campaigns c on c.id = r.campaign_id join schools s on s.id = p.school_id
            where c.code = 'monthly-monitoring' and p.role = 'teacher' and p.active and r.period in ${months} and ${where})::int as answered,
          (select count(*) from responses x join people p on p.id = x.person_id join rounds r on r.id = x.round_id
             join campaigns c on c.id = r.campaign_id join schools s on s.id = p.school_id
            where c.code = 'monthly-monitoring' and p.role = 'teacher' and p.active and x.late and r.period in ${months} and ${where})::int as late,
          (select count(*) from people p join schools s on s.id = p.school_id where p.role = 'teacher' and p.active and ${where})::int as teachers`,
  );
  return { answered: row!.answered, expected: row!.teachers * months.length, late: row!.late };
}

const percent = (t: { answered: number; expected: number }) => Math.round((t.answered / t.expected) * 100);
const chartOf = (card: SandboxMessage, type: string) => findNodes(card.content, (n) => n.tag === 'chart').map((n) => n.chart_spec as Record<string, any>).find((s) => s.type === type);

describe('汇总 over a quarter, against the month before, by education group, with charts and pages', () => {
  let ducha: TestDucha;
  const ask = async (words: string, chat = BUREAU) => (await ducha.say(OFFICER, words, chat)).reply!;
  const answer = async (school: string, teachers: string[]) => {
    for (const n of teachers) await ducha.say(`ou_demo_t${school}${n}`, '走访2户 电话1户', `oc_demo_school_${school}`);
  };

  beforeAll(async () => {
    // October's round opens after the National Day holiday.
    ducha = await startTestDucha({ now: '2026-10-09T09:00:00+08:00', roster: 'demo' });
    await ducha.tick();
    await answer('01', ['01', '02', '03', '04']);
    await answer('02', ['01']);
    await ducha.tick('2026-11-02T09:00:00+08:00');
    await answer('01', ['01', '02']);
    await ducha.tick('2026-12-01T09:00:00+08:00');
    await answer('01', ['01', '02', '03', '04']);
    await answer('03', ['01', '02', '03']);
    await answer('09', ['01']);
    ducha.setTime('2026-12-03T10:00:00+08:00');
    // A December visit that flags 辍学风险: the child goes to 预警 and a dropout case opens.
    await seedFixtureStudents(ducha.db, ducha.clock.now());
    await ducha.say('ou_demo_t0101', '家访 蒋小鹿 入户 连续三天未到校 风险：辍学风险 措施：联合村委劝返');
    // Principal 01 files December's 月有安排 on the 1:1 card they were sent.
    const plan = ducha.botMessages().find((m) => m.msg_type === 'interactive' && m.receive_id === 'ou_demo_p01' && m.text.includes('2026-12 月有安排'))!;
    await ducha.click('ou_demo_p01', plan.message_id, { value: callbackValue(plan), form_value: { arrangement: '组织全体教师开展家访' } });
  }, 120_000);
  afterAll(() => ducha?.close());

  it('「汇总 2026Q4」 sums October to December, exactly as a plain count', async () => {
    const card = await ask('汇总 2026Q4');
    expect(card.msg_type).toBe('interactive');
    expect(card.text).toContain('常态化动态预警监测汇总 · 2026-Q4');
    expect(card.text).toContain('3 期合计');
    const q4 = await plainCompletion(ducha.db, ['2026-10', '2026-11', '2026-12']);
    expect(q4.answered).toBe(15);
    expect(card.text).toContain(`已填报 **${q4.answered}/${q4.expected}** 人`);
    // Its visits: every answer said 2 home visits and 1 phone call.
    expect(card.text).toMatch(new RegExp(`走访户数\\*?\\*? \\*\\*${q4.answered * 2}\\*\\*`));
    // 「2026年第四季度」 is the same quarter.
    expect((await ask('汇总 2026年第四季度')).text).toContain(`已填报 **${q4.answered}/${q4.expected}** 人`);
  });

  it('「导出 2026Q4」 1:1 sends the quarter’s workbook: every answer of the three months, the same totals as the card', async () => {
    const said = await ducha.say(OFFICER, '导出 2026Q4');
    expect(said.reply!.text).toContain('文件随后');
    const file = ducha.botMessages().find((m) => m.msg_type === 'file' && m.chat_id === 'oc_p2p_ou_demo_b1')!;
    expect(file.file_name).toMatch(/2026-Q4/);
    const bytes = await (await fetch(`${ducha.url}/sandbox/files/${(file.content as { file_key: string }).file_key}`)).arrayBuffer();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes);
    const q4 = await plainCompletion(ducha.db, ['2026-10', '2026-11', '2026-12']);
    const checkins = workbook.getWorksheet('填报明细')!;
    expect(checkins.rowCount - 1).toBe(q4.answered);
    const periods = new Set<string>();
    checkins.eachRow((row, n) => n > 1 && periods.add(String(row.getCell(1).value)));
    expect([...periods].sort()).toEqual(['2026-10', '2026-11', '2026-12']);
    const summary = workbook.getWorksheet('汇总')!;
    const header = (summary.getRow(1).values as unknown[]).map(String);
    let answered = 0;
    let expected = 0;
    summary.eachRow((row, n) => {
      if (n === 1) return;
      answered += Number(row.getCell(header.indexOf('已填人数')).value);
      expected += Number(row.getCell(header.indexOf('应填人数')).value);
    });
    expect({ answered, expected }).toEqual({ answered: q4.answered, expected: q4.expected });
  });

  it('「汇总 2026-12」 shows the change against November, per school and in total', async () => {
    const card = await ask('汇总 2026-12');
    const [dec, nov] = [await plainCompletion(ducha.db, ['2026-12']), await plainCompletion(ducha.db, ['2026-11'])];
    const delta = percent(dec) - percent(nov);
    expect(delta).toBeGreaterThan(0);
    expect(card.text).toContain(`较 2026-11 ▲${delta} 个百分点`);
    // School 03 went from none to three of its teachers.
    const [s03] = await rows<{ name: string; teachers: number }>(
      ducha.db,
      sql`select s.name, count(p.id)::int as teachers from schools s join people p on p.school_id = s.id and p.role = 'teacher' and p.active where s.chat_id = 'oc_demo_school_03' group by s.name`,
    );
    expect(card.text).toContain(`${s03!.name}　3/${s03!.teachers} 人`);
    // The principals' reports of December on the same card: principal 01 filed 月有安排 on time.
    const [filed] = await rows<{ on_time: number; late: number; principals: number }>(
      ducha.db,
      sql`select count(*) filter (where not x.late)::int as on_time, count(*) filter (where x.late)::int as late,
            (select count(*) from people where role = 'principal' and active)::int as principals
          from responses x join rounds r on r.id = x.round_id join campaigns c on c.id = r.campaign_id
          where c.code = 'principal-monthly-plan' and r.period = '2026-12'`,
    );
    expect(filed!.on_time).toBe(1);
    expect(card.text).toContain(`**校长报告**（月有安排）：按时 **${filed!.on_time}** · 逾期 **${filed!.late}** · 未交 **${filed!.principals - filed!.on_time - filed!.late}**`);
    const line = card.text.split('\n').find((l: string) => l.includes(`${s03!.name}　3/`))!;
    expect(line).toContain(`▲${Math.round((3 / s03!.teachers) * 100)}`);
  });

  it('the children’s numbers of December — new alerts, visits, open dropout cases — are plain counts', async () => {
    const card = await ask('汇总 2026-12');
    const [counts] = await rows<{ raised: number; home: number; visits: number; open: number }>(
      ducha.db,
      sql`select
            (select count(distinct student_id) from alert_changes where to_level = 'alert' and from_level <> 'alert'
               and at >= '2026-12-01T00:00:00+08:00' and at < '2027-01-01T00:00:00+08:00')::int as raised,
            (select count(*) from home_visits where mode = 'home' and visited_on >= '2026-12-01' and visited_on < '2027-01-01')::int as home,
            (select count(*) from home_visits where visited_on >= '2026-12-01' and visited_on < '2027-01-01')::int as visits,
            (select count(*) from dropout_cases where closed_at is null)::int as open`,
    );
    expect(counts).toMatchObject({ raised: 1, open: 1 });
    expect(card.text).toContain(`本期新增预警 **${counts!.raised}** 人`);
    expect(card.text).toContain(`家访 **${counts!.visits}** 次：入户 ${counts!.home}`);
    // In red: the county's goal is zero.
    expect(card.text).toContain(`控辍保学：未结案 <font color='red'>**${counts!.open}**</font> 件`);
    // School 01's own line carries its new alert.
    const [s01] = await rows<{ name: string }>(ducha.db, sql`select name from schools where chat_id = 'oc_demo_school_01'`);
    const lines = card.text.split('\n');
    expect(lines[lines.findIndex((l: string) => l.includes(`${s01!.name}　`)) + 1]).toContain('新增预警 1');
    // And the quarter counts the same alert and visit: they fall in it.
    expect((await ask('汇总 2026Q4')).text).toContain(`本期新增预警 **${counts!.raised}** 人`);
  });

  it('the trend chart has the last periods’ completion, and the bar chart each town’s', async () => {
    const card = await ask('汇总 2026-12');
    const trend = chartOf(card, 'line')!;
    expect(trend).toMatchObject({ xField: 'period', yField: 'rate', seriesField: 'series' });
    const values = trend.data[0].values as { period: string; series: string; rate: number }[];
    const completion = values.filter((v) => v.series === '填报率');
    const expected = [];
    for (const month of ['2026-10', '2026-11', '2026-12']) expected.push({ period: month, series: '填报率', rate: percent(await plainCompletion(ducha.db, [month])) });
    expect(completion).toEqual(expected);
    const bars = chartOf(card, 'bar')!;
    expect(bars).toMatchObject({ xField: 'name', yField: 'rate' });
    const towns = await rows<{ name: string }>(ducha.db, sql`select name from towns order by id`);
    const byTown = bars.data[0].values as { name: string; rate: number }[];
    expect(byTown.map((b) => b.name).sort()).toEqual(towns.map((t) => t.name).sort());
    for (const bar of byTown) {
      expect(bar.rate).toBe(percent(await plainCompletion(ducha.db, ['2026-12'], sql`s.town_id = (select id from towns where name = ${bar.name})`)));
    }
    // Worst first; no functions anywhere (Lark's chart takes data, not code).
    expect(byTown.map((b) => b.rate)).toEqual([...byTown.map((b) => b.rate)].sort((a, b) => a - b));
    expect(JSON.stringify(card.content)).not.toMatch(/function|=>/);
  });

  it('「汇总 首善教育集团」 shows the group’s schools only, its total exactly', async () => {
    const card = await ask('汇总 首善教育集团 2026-12');
    expect(card.text).toContain('常态化动态预警监测汇总 · 2026-12 · 首善教育集团');
    expect(card.text).toContain('**首善教育集团合计**');
    const inGroup = sql`s.education_group = '首善教育集团'`;
    const total = await plainCompletion(ducha.db, ['2026-12'], inGroup);
    expect(card.text).toContain(`已填报 **${total.answered}/${total.expected}** 人`);
    const schools = await rows<{ name: string; grouped: boolean; role: string | null }>(
      ducha.db,
      sql`select name, coalesce(education_group = '首善教育集团', false) as grouped, group_role as role from schools`,
    );
    const ROLE = { core: '核心校', member: '成员校', weak: '薄弱校' } as Record<string, string>;
    // The demo's group has a 核心校 and a 薄弱校; each school is marked with its part.
    expect(schools.filter((s) => s.grouped).map((s) => s.role).sort()).toEqual(['core', 'member', 'member', 'weak']);
    for (const s of schools) {
      if (s.grouped) expect(card.text).toContain(`${s.name}〔${ROLE[s.role!]}〕`);
      else expect(card.text).not.toContain(s.name);
    }
    // A unique part of the group's name is enough.
    expect((await ask('汇总 首善教育 2026-12')).text).toContain('**首善教育集团合计**');
  });

  it('1:1, the principals’ card pages ten schools at a time; 下一页 redraws it in place', async () => {
    const card = (await ducha.say(OFFICER, '汇总 月有安排 2026-12')).reply!;
    expect(card.chat_id).toBe('oc_p2p_ou_demo_b1');
    const content = card.content as Record<string, unknown>;
    expect(pageOf(content)).toEqual([1, 2]);
    const next = pageButtons(content).下一页!;
    expect(next.disabled).toBe(false);
    const clicked = await ducha.click(OFFICER, card.message_id, { value: next.value });
    expect(clicked.delivered.body, JSON.stringify(clicked.delivered.body)).toHaveProperty("card.type", "raw");
    const redrawn = ducha.botMessages().find((m) => m.message_id === card.message_id)!;
    expect(pageOf(redrawn.content as Record<string, unknown>)).toEqual([2, 2]);
    expect(redrawn.text).toContain('（第 11–16 所，共 16 所）');
    // Each school whose principal filed has 查看报告 (1:1 only: the bureau chat's card has none).
    const reportButtons = findNodes(content, (n) => JSON.stringify(n.behaviors ?? '').includes('open_report'));
    expect(reportButtons).toHaveLength(1);
    const opened = await ducha.click(OFFICER, card.message_id, { value: (reportButtons[0]!.behaviors as { value: unknown }[])[0]!.value });
    expect(opened.sent.some((m: SandboxMessage) => m.chat_id === 'oc_p2p_ou_demo_b1' && m.text.includes('组织全体教师开展家访'))).toBe(true);
    expect(JSON.stringify((await ask('汇总 月有安排 2026-12')).content)).not.toContain('"open_report"');
    // A teacher's click on the same button is refused: paging is the bureau's, as 汇总 is.
    const refused = await ducha.click('ou_demo_t0101', card.message_id, { value: next.value });
    expect(JSON.stringify(refused.delivered.body)).not.toContain('"raw"');
  });
});
