import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, dropoutCaseEvents, dropoutCases, people, persuasionAttempts, students } from '../../src/db/schema/index.js';
import { callbackValues } from '../helpers/card-tree.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { seedFixtureStudents } from '../fixtures/students.js';

const SCHOOL_01 = 'oc_demo_school_01';

describe('控辍保学: the dropout register (through the webhook, on the real database)', () => {
  let ducha: TestDucha;
  beforeAll(async () => {
    // Tuesday 1 December 2026, 10:00: a workday inside the sending window.
    ducha = await startTestDucha({ now: '2026-12-01T10:00:00+08:00', roster: 'demo' });
    await seedFixtureStudents(ducha.db, ducha.clock.now());
  });
  afterAll(() => ducha.close());

  const student = async (name: string) => (await ducha.db.select().from(students).where(eq(students.name, name)))[0]!;
  const personId = async (openId: string) => (await ducha.db.select().from(people).where(eq(people.openId, openId)))[0]!;
  const casesOf = async (name: string) => ducha.db.select().from(dropoutCases).where(eq(dropoutCases.studentId, (await student(name)).id)).orderBy(asc(dropoutCases.id));
  const eventsOf = async (caseId: number) => ducha.db.select().from(dropoutCaseEvents).where(eq(dropoutCaseEvents.caseId, caseId)).orderBy(asc(dropoutCaseEvents.id));
  const toPerson = (openId: string) => ducha.botMessages().filter((m) => m.chat_id === `oc_p2p_${openId}`);
  const text = async (openId: string, said: string, chatId?: string) => (await ducha.say(openId, said, chatId)).reply!.text;

  it('a teacher opens a case 1:1 (疑似, the reporter responsible) and gets the case card; a second report adds nothing', async () => {
    await ducha.say('ou_demo_t0101', '辍学 蒋小鹿 连续三天未到校');
    const reply = toPerson('ou_demo_t0101').at(-1);
    expect(reply!.text).toContain('已登记 蒋小鹿 疑似辍学');
    expect(reply!.text).toMatch(/状态：\**疑似/);
    const [c] = await casesOf('蒋小鹿');
    expect(c).toMatchObject({ state: 'suspected', responsibleId: (await personId('ou_demo_t0101')).id, reason: '连续三天未到校', closedAt: null, visitId: null });
    expect((await eventsOf(c!.id)).map((e) => [e.kind, e.toState])).toEqual([['opened', 'suspected']]);
    const audited = await ducha.db.select().from(auditLog).where(and(eq(auditLog.studentId, (await student('蒋小鹿')).id), eq(auditLog.action, 'dropout_change')));
    expect(audited).toHaveLength(1);

    await ducha.say('ou_demo_t0102', '辍学 蒋小鹿 又没来');
    expect(toPerson('ou_demo_t0102').at(-1)!.text).toContain('已有未结的辍学案例（疑似）');
    expect(await casesOf('蒋小鹿')).toHaveLength(1);
  });

  it('in the school chat the reply masks the name; another school’s teacher cannot find the child; the bureau cannot open one', async () => {
    const { reply } = await ducha.say('ou_demo_t0102', '辍学 柳星 两天未到校，电话无人接', SCHOOL_01);
    expect(reply!.chat_id).toBe(SCHOOL_01);
    expect(reply!.text).toBe('已登记 柳* 疑似辍学。私聊发送「辍学 姓名」可查看案例。');
    expect(await casesOf('柳星')).toHaveLength(1);
    expect(await text('ou_demo_t0201', '辍学 蒋小鹿 未到校')).toContain('本校没有找到学生「蒋小鹿」');
    expect(await text('ou_demo_b1', '辍学 江月白 未到校')).toContain('只有本校教师和校长');
    expect(await casesOf('江月白')).toHaveLength(0);
  });

  it('a visit flagged 辍学风险 opens a 疑似 case linked to the visit, the visiting teacher responsible', async () => {
    await ducha.say('ou_demo_t0103', '家访 欧阳雨辰 入户 连续三天未到校，家长称孩子不愿上学 风险：辍学风险 措施：联合村委劝返');
    const [c] = await casesOf('欧阳雨辰');
    expect(c).toMatchObject({ state: 'suspected', responsibleId: (await personId('ou_demo_t0103')).id });
    expect(c!.visitId).not.toBeNull();
    expect(c!.reason).toContain('家访标记辍学风险');
    // A second flagged visit while it is open adds no case.
    await ducha.say('ou_demo_t0103', '家访 欧阳雨辰 电话 仍未到校 风险：辍学风险');
    expect(await casesOf('欧阳雨辰')).toHaveLength(1);
  });

  it('疑似 → 已辍学 → 劝返中 → 已返校, each a state event; every move off the table is refused naming the allowed ones', async () => {
    const refused = async (word: string, from: string, allowed: string) =>
      expect(await text('ou_demo_t0101', `状态 蒋小鹿 ${word}`)).toBe(`不能从「${from}」改为「${word}」。可改为：${allowed}。`);
    await refused('劝返中', '疑似', '已辍学、已返校、已转学、已豁免');
    await refused('疑似', '疑似', '已辍学、已返校、已转学、已豁免');
    expect(await text('ou_demo_t0101', '状态 蒋小鹿 已辍学')).toBe('已将 蒋小鹿 的状态从「疑似」改为「已辍学」。');
    await refused('已返校', '已辍学', '劝返中、已转学、已豁免');
    await refused('疑似', '已辍学', '劝返中、已转学、已豁免');
    await refused('已辍学', '已辍学', '劝返中、已转学、已豁免');
    expect(await text('ou_demo_t0101', '状态 蒋小鹿 劝返中')).toContain('改为「劝返中」');
    await refused('已转学', '劝返中', '已返校、已豁免');
    await refused('已辍学', '劝返中', '已返校、已豁免');
    await refused('疑似', '劝返中', '已返校、已豁免');
    // The teacher may not exempt; a transfer needs the receiving school.
    expect(await text('ou_demo_t0101', '状态 蒋小鹿 已豁免 因病缓学')).toContain('须由本校校长或教体局批准');
    expect(await text('ou_demo_t0101', '状态 蒋小鹿 已转学')).toContain('不能从「劝返中」改为「已转学」');
    expect(await text('ou_demo_t0101', '状态 蒋小鹿 已返校')).toContain('改为「已返校」');
    const [c] = await casesOf('蒋小鹿');
    expect(c!.state).toBe('returned');
    expect(c!.closedAt).not.toBeNull();
    expect((await eventsOf(c!.id)).map((e) => [e.kind, e.fromState, e.toState])).toEqual([
      ['opened', null, 'suspected'],
      ['state', 'suspected', 'dropped'],
      ['state', 'dropped', 'persuading'],
      ['state', 'persuading', 'returned'],
    ]);
    // Closed: no more moves; said so, with the way to reopen.
    expect(await text('ou_demo_t0101', '状态 蒋小鹿 已辍学')).toContain('没有未结的辍学案例');
  });

  it('a closed case reopens (the same case, a reopened event, 疑似 again, the new reporter responsible)', async () => {
    await ducha.say('ou_demo_t0102', '辍学 蒋小鹿 返校一周后又未到校');
    expect(toPerson('ou_demo_t0102').at(-1)!.text).toContain('辍学案例已重新打开');
    const cases = await casesOf('蒋小鹿');
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ state: 'suspected', closedAt: null, reason: '返校一周后又未到校', responsibleId: (await personId('ou_demo_t0102')).id });
    expect((await eventsOf(cases[0]!.id)).at(-1)).toMatchObject({ kind: 'reopened', fromState: 'returned', toState: 'suspected' });
  });

  it('the case card’s buttons move the case; a stale card is refused', async () => {
    await ducha.say('ou_demo_t0102', '状态 蒋小鹿 已辍学');
    await ducha.say('ou_demo_t0102', '辍学 蒋小鹿');
    const card = toPerson('ou_demo_t0102').at(-1)!;
    expect(card.text).toContain('辍学案例：蒋小鹿');
    const buttons = callbackValues(card);
    expect(buttons.map((b) => b.to)).toEqual(['persuading']);
    const clicked = await ducha.click('ou_demo_t0102', card.message_id, { value: buttons[0] });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'success', content: '已辍学 → 劝返中' });
    expect((await casesOf('蒋小鹿'))[0]!.state).toBe('persuading');
    const again = await ducha.click('ou_demo_t0102', card.message_id, { value: buttons[0] });
    expect(again.delivered.body.toast).toMatchObject({ type: 'error' });
    // Someone else's card is not theirs to click.
    const other = await ducha.click('ou_demo_t0101', card.message_id, { value: buttons[0] });
    expect(other.delivered.body.toast?.type).toBe('error');
  });

  it('劝返 attempts are logged with today, who, how and the result (masked in the school chat)', async () => {
    expect(await text('ou_demo_t0102', '劝返 蒋小鹿 电话 家长同意周一送回')).toBe('已记录 2026-12-01 对 蒋小鹿 的劝返（电话）。');
    expect(await text('ou_demo_t0102', '劝返 蒋小鹿 联合乡镇 与村委一同入户', SCHOOL_01)).toBe('已记录 蒋*鹿 的劝返（联合乡镇）。');
    expect(await text('ou_demo_t0102', '劝返 蒋小鹿 飞鸽 结果')).toContain('请这样记录劝返');
    const [c] = await casesOf('蒋小鹿');
    const attempts = await ducha.db.select().from(persuasionAttempts).where(eq(persuasionAttempts.caseId, c!.id)).orderBy(asc(persuasionAttempts.id));
    expect(attempts.map((a) => [a.attemptedOn, a.method, a.result, a.byId])).toEqual([
      ['2026-12-01', 'phone', '家长同意周一送回', (await personId('ou_demo_t0102')).id],
      ['2026-12-01', 'joint', '与村委一同入户', (await personId('ou_demo_t0102')).id],
    ]);
  });

  it('the principal reassigns to a teacher of the school; a teacher may not; 已转学 and 已豁免 close with their details', async () => {
    const t0104 = await personId('ou_demo_t0104');
    expect(await text('ou_demo_t0103', `负责 欧阳雨辰 ${t0104.name}`)).toContain('只对校长开放');
    expect(await text('ou_demo_p01', `负责 欧阳雨辰 ${t0104.name}`)).toContain(`已指定 ${t0104.name} 为 欧阳雨辰 的劝返责任人`);
    expect(await text('ou_demo_p01', '负责 欧阳雨辰 查无此人')).toContain('本校名单中没有这位教师');
    const [c] = await casesOf('欧阳雨辰');
    expect(c!.responsibleId).toBe(t0104.id);
    expect((await eventsOf(c!.id)).at(-1)).toMatchObject({ kind: 'reassigned', note: t0104.name });

    expect(await text('ou_demo_t0102', '状态 柳星 已转学 横渠镇中心小学', SCHOOL_01)).toBe('已记录 柳* 状态：已转学。');
    expect((await casesOf('柳星'))[0]).toMatchObject({ state: 'transferred', transferredTo: '横渠镇中心小学' });
    expect(await text('ou_demo_p01', '状态 欧阳雨辰 已豁免')).toContain('请写明原因');
    expect(await text('ou_demo_b1', '状态 欧阳雨辰 已豁免 因病缓学有医院证明')).toContain('改为「已豁免」');
    expect((await casesOf('欧阳雨辰'))[0]).toMatchObject({ state: 'exempted', exemptReason: '因病缓学有医院证明', exemptApprovedById: (await personId('ou_demo_b1')).id });
    expect(await casesOf('欧阳雨辰').then((cs) => cs[0]!.closedAt)).not.toBeNull();
  });
});
