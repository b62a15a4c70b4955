import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeVisits, students } from '../../src/db/schema/index.js';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { callbackValues } from '../helpers/card-tree.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { seedFixtureStudents } from '../fixtures/students.js';

const SCHOOL_01 = 'oc_demo_school_01';

describe('a visit by card form, and the monthly counts collected once from the visits', () => {
  let ducha: TestDucha;
  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-12-01T09:00:00+08:00', roster: 'demo' });
    await seedFixtureStudents(ducha.db, ducha.clock.now());
    await ducha.tick();
  });
  afterAll(() => ducha.close());

  const studentId = async (name: string, className?: string) =>
    (await ducha.db.select().from(students).where(eq(students.name, name))).find((s) => !className || s.className === className)!.id;
  const visitsOf = async (name: string, className?: string) => ducha.db.select().from(homeVisits).where(eq(homeVisits.studentId, await studentId(name, className)));
  const toPerson = (openId: string) => ducha.botMessages().filter((m) => m.chat_id === `oc_p2p_${openId}`);
  const prompt = () => ducha.botMessages().find((m) => m.chat_id === SCHOOL_01 && m.msg_type === 'interactive' && m.text.includes('常态化动态预警监测'))!;
  const valueOf = (card: SandboxMessage, action: string) => callbackValues(card).find((v) => v['action'] === action)!;

  it('家访 alone opens the form 1:1 — in the school chat too, where nothing about a child is said', async () => {
    const { replies } = await ducha.say('ou_demo_t0101', '家访', SCHOOL_01);
    expect((replies as SandboxMessage[]).filter((m) => m.chat_id === SCHOOL_01)).toEqual([]);
    const form = toPerson('ou_demo_t0101').findLast((m) => m.text.includes('记录家访'))!;
    expect(valueOf(form, 'visit_form')).toMatchObject({ open_id: 'ou_demo_t0101' });
  });

  it('the submitted form is stored like a text visit, and the form gives way to the receipt', async () => {
    const form = toPerson('ou_demo_t0101').findLast((m) => m.text.includes('记录家访'))!;
    const clicked = await ducha.click('ou_demo_t0101', form.message_id, {
      value: valueOf(form, 'visit_form'),
      form_value: { student: '蒋小鹿', mode: 'home', findings: '父母在外务工，由祖母照看', risks: ['心理健康'], measures: '', visited_on: '2026-11-30 +0800' },
    });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
    expect(clicked.delivered.body.card.data.body.elements[0].text.content).toContain('已记录 蒋小鹿（三年级2班）2026-11-30 的家访（入户）');
    expect(await visitsOf('蒋小鹿')).toMatchObject([{ mode: 'home', visitedOn: '2026-11-30', findings: '父母在外务工，由祖母照看', measures: null, risks: ['心理健康'] }]);
  });

  it('a form without findings is refused with what to fill, and nothing is stored', async () => {
    await ducha.say('ou_demo_t0102', '家访');
    const form = toPerson('ou_demo_t0102').findLast((m) => m.text.includes('记录家访'))!;
    const clicked = await ducha.click('ou_demo_t0102', form.message_id, { value: valueOf(form, 'visit_form'), form_value: { student: '柳星', mode: 'phone', findings: ' ' } });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'error', content: '请在「家访情况」一栏填写家访发现的情况。' });
    expect(await visitsOf('柳星')).toEqual([]);
  });

  it('a form naming namesakes sends the chooser 1:1, and the pick files the form’s visit', async () => {
    const form = toPerson('ou_demo_t0102').findLast((m) => m.text.includes('记录家访'))!;
    await ducha.click('ou_demo_t0102', form.message_id, { value: valueOf(form, 'visit_form'), form_value: { student: '沈一鸣', mode: 'video', findings: '视频看望，学习进步' } });
    const chooser = toPerson('ou_demo_t0102').findLast((m) => m.text.includes('请选择学生'))!;
    const fourth = await studentId('沈一鸣', '四年级1班');
    await ducha.click('ou_demo_t0102', chooser.message_id, { value: callbackValues(chooser).find((v) => v['student_id'] === fourth)! });
    expect(await visitsOf('沈一鸣', '四年级1班')).toMatchObject([{ mode: 'video', findings: '视频看望，学习进步' }]);
  });

  it('the school’s prompt offers the form: a click sends it 1:1 to whoever clicked', async () => {
    const before = toPerson('ou_demo_t0103').length;
    const clicked = await ducha.click('ou_demo_t0103', prompt().message_id, { value: valueOf(prompt(), 'open_visit_form') });
    expect(clicked.delivered.body.toast).toMatchObject({ content: '已私聊发给您家访表单' });
    expect(toPerson('ou_demo_t0103').slice(before).some((m) => m.text.includes('记录家访'))).toBe(true);
  });

  it('collect once: 我的 shows what the teacher recorded this month, and one tap on the prompt answers with it', async () => {
    await ducha.say('ou_demo_t0104', '家访 柳星 入户 情况稳定');
    await ducha.say('ou_demo_t0104', '家访 欧阳雨辰 入户 轮椅需要维修 风险：资助不符');
    await ducha.say('ou_demo_t0104', '家访 2026002 电话 家长务工返乡');
    // A second visit to the same child is still one household.
    await ducha.say('ou_demo_t0104', '家访 柳星 入户 复访，情况稳定');
    const mine = await ducha.say('ou_demo_t0104', '我的');
    expect(mine.reply!.text).toContain('本月已记录：入户 2 户，电话 1 户，新增预警 1 人');
    expect(mine.reply!.text).toContain('按家访记录填报');

    const clicked = await ducha.click('ou_demo_t0104', prompt().message_id, { value: valueOf(prompt(), 'answer_from_records') });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'success', content: '已按记录填报（本月已记录：入户 2 户，电话 1 户，新增预警 1 人）' });
    expect((await ducha.responsesOf('ou_demo_t0104'))[0]!.answers).toMatchObject({ home_visits: 2, phone_followups: 1, new_alerts: 1 });
    // A correction by text still works on top.
    await ducha.say('ou_demo_t0104', '电话3户');
    expect((await ducha.responsesOf('ou_demo_t0104'))[0]!.answers).toMatchObject({ home_visits: 2, phone_followups: 3, new_alerts: 1 });
  });

  it('a teacher who recorded nothing is told to answer as before, and nothing is stored', async () => {
    const clicked = await ducha.click('ou_demo_t0103', prompt().message_id, { value: valueOf(prompt(), 'answer_from_records') });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'info' });
    expect(clicked.delivered.body.toast.content).toContain('还没有用「家访 …」记录家访');
    expect(await ducha.responsesOf('ou_demo_t0103')).toEqual([]);
    const answered = await ducha.say('ou_demo_t0103', '走访3户 电话1户', SCHOOL_01);
    expect(answered.reply!.text).toContain('已收到');
  });
});
