import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertChanges, auditLog, homeVisits, people, students } from '../../src/db/schema/index.js';
import { callbackValues } from '../helpers/card-tree.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { seedFixtureStudents } from '../fixtures/students.js';

const SCHOOL_01 = 'oc_demo_school_01';
const BUREAU_CHAT = 'oc_demo_bureau';

describe('home visits, the alert register and who sees a student (through the webhook, on the real database)', () => {
  let ducha: TestDucha;
  beforeAll(async () => {
    // Tuesday 09:00: inside the sending window, so a principal's alert card goes out at once.
    ducha = await startTestDucha({ now: '2026-12-01T09:00:00+08:00', roster: 'demo' });
    await seedFixtureStudents(ducha.db, ducha.clock.now());
  });
  afterAll(() => ducha.close());

  const student = async (name: string, className?: string) =>
    (await ducha.db.select().from(students).where(and(eq(students.name, name), className ? eq(students.className, className) : undefined)))[0]!;
  const visitsOf = async (name: string, className?: string) => ducha.db.select().from(homeVisits).where(eq(homeVisits.studentId, (await student(name, className)).id));
  const auditOf = async (name: string) => ducha.db.select().from(auditLog).where(eq(auditLog.studentId, (await student(name)).id));
  const toPerson = (openId: string) => ducha.botMessages().filter((m) => m.chat_id === `oc_p2p_${openId}`);

  it('a visit filed 1:1 is stored with its findings and measures, and the receipt names the child in full', async () => {
    const { reply } = await ducha.say('ou_demo_t0101', '家访 蒋小鹿 入户 父母在外务工，由祖母照看，学习正常 风险：无 措施：每周电话联系');
    expect(reply!.text).toContain('已记录 蒋小鹿（三年级2班）今天的家访（入户）');
    const [visit] = await visitsOf('蒋小鹿');
    expect(visit).toMatchObject({ mode: 'home', visitedOn: '2026-12-01', findings: '父母在外务工，由祖母照看，学习正常', measures: '每周电话联系', risks: [] });
    expect((await student('蒋小鹿')).alertLevel).toBe('normal');
  });

  it('a visit @bot in the school chat is acknowledged there with the name masked, and a risk puts the child on the register and tells the principal 1:1', async () => {
    const { reply } = await ducha.say('ou_demo_t0102', '家访 柳星 电话 情绪低落，与同学有矛盾 风险：心理健康 措施：班主任每周谈心', SCHOOL_01);
    expect(reply!.chat_id).toBe(SCHOOL_01);
    expect(reply!.text).toBe('已记录 柳* 的家访（电话）。');
    expect((await student('柳星')).alertLevel).toBe('watch');
    const [change] = await ducha.db.select().from(alertChanges).where(eq(alertChanges.studentId, (await student('柳星')).id));
    expect(change).toMatchObject({ fromLevel: 'normal', toLevel: 'watch', reason: '心理健康' });
    const card = toPerson('ou_demo_p01').find((m) => m.text.includes('学生关注提醒'));
    expect(card?.text).toContain('柳星');
    expect(card?.text).toContain('情绪低落');
  });

  it('an urgent risk puts a child straight on 预警; 解除预警 needs a reason and someone who knows the child', async () => {
    await ducha.say('ou_demo_t0101', '家访 蒋小鹿 入户 连续三天未到校 风险：辍学风险 措施：联合村委劝返');
    expect((await student('蒋小鹿')).alertLevel).toBe('alert');
    expect(toPerson('ou_demo_p01').some((m) => m.text.includes('学生预警提醒') && m.text.includes('蒋小鹿'))).toBe(true);

    const noReason = await ducha.say('ou_demo_t0101', '解除预警 蒋小鹿');
    expect(noReason.reply!.text).toContain('需要写明原因');
    const stranger = await ducha.say('ou_demo_t0103', '解除预警 蒋小鹿 已返校');
    expect(stranger.reply!.text).toContain('只有该生的帮扶教师');
    expect((await student('蒋小鹿')).alertLevel).toBe('alert');

    const { reply } = await ducha.say('ou_demo_t0101', '解除预警 蒋小鹿 已返校正常上课');
    expect(reply!.text).toContain('已解除 蒋小鹿 的预警');
    expect((await student('蒋小鹿')).alertLevel).toBe('normal');
    const changes = await ducha.db.select().from(alertChanges).where(eq(alertChanges.studentId, (await student('蒋小鹿')).id));
    expect(changes.map((c) => [c.fromLevel, c.toLevel, c.reason])).toEqual([
      ['normal', 'alert', '辍学风险'],
      ['alert', 'normal', '已返校正常上课'],
    ]);
  });

  it('namesakes get a 1:1 chooser of masked names with their class, never a guess; the click files the visit', async () => {
    const { replies } = await ducha.say('ou_demo_t0104', '家访 沈一鸣 视频 学习进步明显 风险：无', SCHOOL_01);
    expect((replies as { chat_id: string }[]).filter((m) => m.chat_id === SCHOOL_01)).toEqual([]);
    const chooser = toPerson('ou_demo_t0104').find((m) => m.text.includes('请选择学生'))!;
    expect(chooser.text).toContain('沈*鸣 四年级1班');
    expect(chooser.text).toContain('沈*鸣 五年级1班');
    expect(await visitsOf('沈一鸣', '五年级1班')).toEqual([]);

    const fifthGrader = (await student('沈一鸣', '五年级1班')).id;
    const pick = callbackValues(chooser).find((v) => (v as { student_id?: number }).student_id === fifthGrader);
    const clicked = await ducha.click('ou_demo_t0104', chooser.message_id, { value: pick });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
    expect(await visitsOf('沈一鸣', '五年级1班')).toHaveLength(1);
    expect(await visitsOf('沈一鸣', '四年级1班')).toHaveLength(0);
  });

  it('a name not found offers the school’s students with a character in common; a stranger’s name is simply not found', async () => {
    await ducha.say('ou_demo_t0101', '家访 蒋小路 电话 情况稳定');
    const chooser = toPerson("ou_demo_t0101").findLast((m: { text: string }) => m.text.includes('请选择学生'))!;
    expect(chooser.text).toContain('没有完全相同的名字');
    expect(chooser.text).toContain('蒋*鹿 三年级2班');
    const { reply } = await ducha.say('ou_demo_t0101', '家访 包青天 电话 情况稳定');
    expect(reply!.text).toContain('本校没有找到学生「包青天」');
  });

  it('another school’s student is never matched, even by a number both schools use', async () => {
    const other = await ducha.say('ou_demo_t0201', '家访 蒋小鹿 入户 情况稳定');
    expect(other.reply!.text).toContain('本校没有找到学生「蒋小鹿」');
    const byNumber = await ducha.say('ou_demo_t0201', '家访 2026001 入户 家中整洁，父亲在家');
    expect(byNumber.reply!.text).toContain('江月白');
    expect(await visitsOf('江月白')).toHaveLength(1);
  });

  it('Traditional script reads the same, and a visit said in another school’s chat is not stored there', async () => {
    const { reply } = await ducha.say('ou_demo_t0101', '家訪 蔣小鹿 視頻 身體狀況穩定 風險：無');
    expect(reply!.text).toContain('已记录 蒋小鹿（三年级2班）今天的家访（视频）');
    const before = (await visitsOf('欧阳雨辰')).length;
    const elsewhere = await ducha.say('ou_demo_t0101', '家访 欧阳雨辰 入户 情况稳定', 'oc_demo_school_02');
    expect(elsewhere.replies.filter((m: { chat_id: string }) => m.chat_id === 'oc_demo_school_02')).toEqual([]);
    expect(await visitsOf('欧阳雨辰')).toHaveLength(before);
  });

  it('学生: each role sees what it may, only 1:1, and every read is audited', async () => {
    const before = (await auditOf('欧阳雨辰')).length;
    const card = async (openId: string) => (await ducha.say(openId, '学生 欧阳雨辰')).reply!;
    // A teacher of the school who neither mentors nor visited the child: name and class only.
    const teacher = await card('ou_demo_t0102');
    expect(teacher.text).toContain('六年级2班');
    expect(teacher.text).not.toContain('残疾儿童');
    // The principal and the bureau: detail.
    expect((await card('ou_demo_p01')).text).toContain('残疾儿童');
    expect((await card('ou_demo_b1')).text).toContain('残疾儿童');
    // Another school's teacher and principal: not found (the child is not theirs to look up).
    expect((await card('ou_demo_t0201')).text).toContain('本校没有找到学生');
    expect((await card('ou_demo_p02')).text).toContain('本校没有找到学生');
    // In a group: nothing but where to ask.
    const inGroup = await ducha.say('ou_demo_b1', '学生 欧阳雨辰', BUREAU_CHAT);
    expect(inGroup.reply!.text).toBe('学生的信息只能私聊查看，请私聊我发送「学生 姓名」。');
    const reads = (await auditOf('欧阳雨辰')).slice(before);
    const readers = await ducha.db.select({ id: people.id, openId: people.openId }).from(people);
    const openIdOf = new Map(readers.map((r) => [r.id, r.openId]));
    expect(reads.map((r) => [openIdOf.get(r.personId!), r.action, r.detail])).toEqual([
      ['ou_demo_t0102', 'read_student', '查看姓名班级'],
      ['ou_demo_p01', 'read_student', '查看详情'],
      ['ou_demo_b1', 'read_student', '查看详情'],
    ]);
  });

  it('学生 with namesakes: the bureau picks from masked names with school and class, and the pick shows the card (audited)', async () => {
    await ducha.say('ou_demo_b2', '学生 沈一鸣');
    const chooser = toPerson('ou_demo_b2').findLast((m) => m.text.includes('请选择学生'))!;
    expect(chooser.text).toContain('沈*鸣 首善街道中心小学(示例) 四年级1班');
    expect(chooser.text).toContain('沈*鸣 首善街道中心小学(示例) 五年级1班');
    expect(chooser.text).not.toContain('沈一鸣');
    const fourth = (await student('沈一鸣', '四年级1班')).id;
    const clicked = await ducha.click('ou_demo_b2', chooser.message_id, { value: callbackValues(chooser).find((v) => v['student_id'] === fourth)! });
    expect(JSON.stringify(clicked.delivered.body.card.data)).toContain('脱贫家庭');
    const reads = await ducha.db.select().from(auditLog).where(eq(auditLog.studentId, fourth));
    expect(reads.map((r) => [r.action, r.channel])).toContainEqual(['read_student', 'card']);
  });

  it('学生 alone: the principal’s 1:1 list of at-risk students not visited this month, by name and audited; others get the usage', async () => {
    const list = (await ducha.say('ou_demo_p01', '学生')).reply!;
    expect(list.text).toContain('2026-12 本月尚未家访的重点学生');
    expect(list.text).toContain('沈一鸣（四年级1班）');
    expect(list.text).toContain('欧阳雨辰（六年级2班）');
    for (const visited of ['蒋小鹿', '柳星']) expect(list.text).not.toContain(visited);
    const rows = await ducha.db.select().from(auditLog).where(eq(auditLog.detail, '本月未家访名单 2026-12'));
    expect(rows).toHaveLength(2);
    expect((await ducha.say('ou_demo_t0101', '学生')).reply!.text).toContain('请这样查询');
    expect((await ducha.say('ou_demo_p01', '学生', SCHOOL_01)).reply!.text).toContain('只能私聊查看');
  });

  it('a teacher who visited a child sees the child’s visits; the mentor too', async () => {
    const visitor = (await ducha.say('ou_demo_t0102', '学生 柳星')).reply!;
    expect(visitor.text).toContain('情绪低落');
    expect(visitor.text).toContain('关注');
    const mentor = (await ducha.say('ou_demo_t0101', '学生 2026001')).reply!;
    expect(mentor.text).toContain('蒋小鹿');
    expect(mentor.text).toContain('留守儿童');
  });

  it('every visit and register change is audited with who, role and chat', async () => {
    const rows = await auditOf('柳星');
    expect(rows.find((r) => r.action === 'record_visit')).toMatchObject({ role: 'teacher', channel: 'chat', chatId: SCHOOL_01 });
    expect(rows.find((r) => r.action === 'alert_change')).toMatchObject({ detail: 'normal → watch' });
    expect(rows.find((r) => r.action === 'notify_alert')).toMatchObject({ role: 'principal' });
  });
});
