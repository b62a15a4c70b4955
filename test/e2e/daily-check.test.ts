import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSchoolPeriod } from '../../src/db/queries/calendar.js';
import { dailyCheckCountsBySchool } from '../../src/db/queries/daily-checks.js';
import { alertChanges, auditLog, dailyChecks, outbox, people, schools, schoolSettings, students } from '../../src/db/schema/index.js';
import { callbackValues } from '../helpers/card-tree.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { seedFixtureStudents } from '../fixtures/students.js';

const SCHOOL_01 = 'oc_demo_school_01';
const MENTOR = 'ou_demo_t0101';
const CARD_TITLE = '每天一问 · 一对一帮扶';

describe('一对一帮扶 · 每天一问 (through the webhook and the tick, on the real database)', () => {
  let ducha: TestDucha;
  let schoolId: number;
  beforeAll(async () => {
    // Tuesday 2026-12-01 09:00, a school day.
    ducha = await startTestDucha({ now: '2026-12-01T09:00:00+08:00', roster: 'demo' });
    await seedFixtureStudents(ducha.db, ducha.clock.now());
    schoolId = (await ducha.db.select({ id: schools.id }).from(schools).where(eq(schools.chatId, SCHOOL_01)))[0]!.id;
  });
  afterAll(() => ducha.close());

  const person = async (openId: string) => (await ducha.db.select().from(people).where(eq(people.openId, openId)))[0]!;
  const student = async (name: string) => (await ducha.db.select().from(students).where(eq(students.name, name)))[0]!;
  const cardsTo = (openId: string) => ducha.botMessages().filter((m) => m.chat_id === `oc_p2p_${openId}` && m.text.includes(CARD_TITLE));
  const checksOn = (day: string) => ducha.db.select().from(dailyChecks).where(eq(dailyChecks.day, day));

  it('帮扶: the principal pairs a student with a teacher of the school (audited); a teacher is refused; a stranger teacher is not found', async () => {
    const refused = await ducha.say('ou_demo_t0102', '帮扶 柳星 某老师');
    expect(refused.reply!.text).toContain('校长');
    const mentor = await person(MENTOR);
    const other = await ducha.say('ou_demo_p01', `帮扶 柳星 ${(await person('ou_demo_t0201')).name}`);
    expect(other.reply!.text).toContain('本校名单中没有在职教师');
    const { reply } = await ducha.say('ou_demo_p01', `帮扶 柳星 ${mentor.name}`);
    expect(reply!.text).toContain(`已指定 ${mentor.name} 为 柳星（一年级1班）的帮扶教师`);
    expect((await student('柳星')).mentorId).toBe(mentor.id);
    const [row] = await ducha.db.select().from(auditLog).where(and(eq(auditLog.studentId, (await student('柳星')).id), eq(auditLog.action, 'assign_mentor')));
    expect(row).toMatchObject({ role: 'principal', channel: 'chat', detail: `帮扶教师 无 → ${mentor.name}` });
  });

  it('每天一问 is off by default, turned on and off by the principal; a teacher is refused; a time outside the window is refused', async () => {
    expect(await ducha.db.select().from(schoolSettings)).toEqual([]);
    expect((await ducha.tick('2026-12-01T16:40:00+08:00')).dailyChecks.cards).toBe(0);
    expect((await ducha.say(MENTOR, '每天一问 开')).reply!.text).toContain('校长');
    expect((await ducha.say('ou_demo_p01', '每天一问 开 20:00')).reply!.text).toContain('不在发送时段内');
    expect(await ducha.db.select().from(schoolSettings)).toEqual([]);
    expect((await ducha.say('ou_demo_p01', '每天一问 开', SCHOOL_01)).reply!.text).toContain('已开启');
    expect((await ducha.say('ou_demo_p01', '每天一问 关')).reply!.text).toContain('已关闭');
    expect((await ducha.tick('2026-12-01T16:45:00+08:00')).dailyChecks.cards).toBe(0);
    // An admin names the school; the time moves to 17:00.
    const name = (await ducha.db.select({ name: schools.name }).from(schools).where(eq(schools.id, schoolId)))[0]!.name;
    expect((await ducha.say('ou_demo_a1', '每天一问 开')).reply!.text).toContain('请写明学校');
    expect((await ducha.say('ou_demo_a1', `每天一问 开 17:00 ${name}`)).reply!.text).toContain('17:00');
    expect(await ducha.db.select({ on: schoolSettings.dailyCheck, at: schoolSettings.dailyCheckAt }).from(schoolSettings)).toEqual([{ on: true, at: '17:00' }]);
    expect(cardsTo(MENTOR)).toEqual([]);
  });

  it('one card per school day at the school’s time: before it none, two ticks send once, listing the mentor’s students in full 1:1', async () => {
    expect((await ducha.tick('2026-12-01T16:50:00+08:00')).dailyChecks.cards).toBe(0);
    const first = await ducha.tick('2026-12-01T17:00:00+08:00');
    expect(first.dailyChecks).toMatchObject({ cards: 1, checks: 2 });
    await ducha.tick('2026-12-01T17:05:00+08:00');
    const cards = cardsTo(MENTOR);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.text).toContain('蒋小鹿');
    expect(cards[0]!.text).toContain('柳星');
    expect(await checksOn('2026-12-01')).toHaveLength(2);
    // Nobody else mentors anyone: nobody else got a card.
    expect(ducha.botMessages().filter((m) => m.text.includes(CARD_TITLE))).toHaveLength(1);
  });

  it('情况正常 is recorded and the card is redrawn in place; a second tap changes nothing', async () => {
    const card = cardsTo(MENTOR)[0]!;
    const jiang = (await student('蒋小鹿')).id;
    const check = (await checksOn('2026-12-01')).find((c) => c.studentId === jiang)!;
    const ok = callbackValues(card).find((v) => v['check_id'] === check.id && v['answer'] === 'ok')!;
    const clicked = await ducha.click(MENTOR, card.message_id, { value: ok, form_value: {} });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
    const redrawn = cardsTo(MENTOR)[0]!;
    expect(redrawn.updated).toBe(true);
    expect(redrawn.text).toContain('蒋小鹿（三年级2班）：情况正常');
    expect(callbackValues(redrawn).some((v) => v['check_id'] === check.id)).toBe(false);
    expect((await checksOn('2026-12-01')).find((c) => c.id === check.id)).toMatchObject({ answer: 'ok', note: null });
    // Someone else tapping the mentor's card (forwarded, or a forged event) records nothing.
    const liu = (await student('柳星')).id;
    const other = callbackValues(card).find((v) => v['answer'] === 'ok' && v['check_id'] !== check.id)!;
    const stranger = await ducha.click('ou_demo_t0103', card.message_id, { value: other, form_value: {} });
    expect(stranger.delivered.body.toast).toMatchObject({ type: 'error' });
    expect((await checksOn('2026-12-01')).find((c) => c.studentId === liu)).toMatchObject({ answer: null });
    const again = await ducha.click(MENTOR, card.message_id, { value: ok, form_value: {} });
    expect(again.delivered.body.toast).toMatchObject({ type: 'info' });
    expect((await student('蒋小鹿')).alertLevel).toBe('normal');
  });

  it('需关注 with a note raises the register to 关注 (reason and who), tells the principal 1:1, and is audited', async () => {
    const card = cardsTo(MENTOR)[0]!;
    const liu = await student('柳星');
    const check = (await checksOn('2026-12-01')).find((c) => c.studentId === liu.id)!;
    const concern = callbackValues(card).find((v) => v['check_id'] === check.id && v['answer'] === 'concern')!;
    const clicked = await ducha.click(MENTOR, card.message_id, { value: concern, form_value: { [`note_${check.id}`]: '连续两天情绪低落' } });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
    expect(cardsTo(MENTOR)[0]!.text).toContain('柳星（一年级1班）：需关注（连续两天情绪低落）');
    expect(cardsTo(MENTOR)[0]!.text).toContain('今天的情况都已记录');
    expect((await checksOn('2026-12-01')).find((c) => c.id === check.id)).toMatchObject({ answer: 'concern', note: '连续两天情绪低落' });
    expect((await student('柳星')).alertLevel).toBe('watch');
    const mentor = await person(MENTOR);
    const [change] = await ducha.db.select().from(alertChanges).where(eq(alertChanges.studentId, liu.id));
    expect(change).toMatchObject({ fromLevel: 'normal', toLevel: 'watch', reason: '每天一问：连续两天情绪低落', byId: mentor.id });
    const notice = ducha.botMessages().filter((m) => m.chat_id === 'oc_p2p_ou_demo_p01' && m.text.includes('每天一问 · 学生需关注'));
    expect(notice).toHaveLength(1);
    expect(notice[0]!.text).toContain('柳星');
    expect(notice[0]!.text).toContain('连续两天情绪低落');
    const acts = await ducha.db.select().from(auditLog).where(eq(auditLog.studentId, liu.id));
    expect(acts.map((a) => [a.action, a.role, a.channel])).toEqual(
      expect.arrayContaining([
        ['daily_check', 'teacher', 'card'],
        ['alert_change', 'teacher', 'card'],
        ['notify_alert', 'principal', 'card'],
      ]),
    );
  });

  it('none on a weekend, a holiday, in a vacation, or outside the sending window', async () => {
    const before = cardsTo(MENTOR).length;
    expect((await ducha.tick('2026-12-05T17:00:00+08:00')).dailyChecks.cards).toBe(0); // Saturday
    await addSchoolPeriod(ducha.db, { kind: 'vacation', name: '测试假期', startsOn: '2026-12-07', endsOn: '2026-12-08' });
    expect((await ducha.tick('2026-12-07T17:00:00+08:00')).dailyChecks.cards).toBe(0); // in the vacation
    expect((await ducha.tick('2026-12-09T18:30:00+08:00')).dailyChecks.cards).toBe(0); // after the window closed
    expect((await ducha.tick('2027-01-01T17:00:00+08:00')).dailyChecks.cards).toBe(0); // 元旦
    expect(cardsTo(MENTOR)).toHaveLength(before);
    expect((await ducha.db.select().from(dailyChecks)).map((c) => c.day).every((d) => d === '2026-12-01')).toBe(true);
  });

  it('帮扶 reassigns: the next school day the new mentor asks about the student, the old one no more', async () => {
    const next = await person('ou_demo_t0102');
    const inGroup = await ducha.say('ou_demo_p01', `帮扶 蒋小鹿 ${next.name}`, SCHOOL_01);
    expect(inGroup.reply!.text).toBe(`已为 蒋*鹿 指定帮扶教师 ${next.name}。`);
    expect((await student('蒋小鹿')).mentorId).toBe(next.id);
    await ducha.tick('2027-01-04T17:00:00+08:00'); // Monday
    const newCard = cardsTo('ou_demo_t0102');
    expect(newCard).toHaveLength(1);
    expect(newCard[0]!.text).toContain('蒋小鹿');
    const oldCards = cardsTo(MENTOR);
    expect(oldCards.at(-1)!.text).toContain('柳星');
    expect(oldCards.at(-1)!.text).not.toContain('蒋小鹿');
  });

  it('a 需关注 tapped after the window closed reaches the principal when it next opens', async () => {
    ducha.setTime('2027-01-04T18:30:00+08:00');
    const card = cardsTo('ou_demo_t0102')[0]!;
    const concern = callbackValues(card).find((v) => v['answer'] === 'concern')!;
    expect((await ducha.click('ou_demo_t0102', card.message_id, { value: concern, form_value: {} })).delivered.body.toast).toMatchObject({ type: 'success' });
    const [queued] = await ducha.db.select().from(outbox).where(and(eq(outbox.kind, 'daily-concern'), eq(outbox.status, 'pending')));
    expect(queued!.notBefore.toISOString()).toBe(new Date('2027-01-05T08:00:00+08:00').toISOString());
    expect((await student('蒋小鹿')).alertLevel).toBe('watch');
    const [change] = await ducha.db.select().from(alertChanges).where(eq(alertChanges.studentId, (await student('蒋小鹿')).id));
    expect(change!.reason).toBe('每天一问：需关注');
  });

  it('the summary’s numbers: checks due, answered and 需关注 per school over local days', async () => {
    const counts = await dailyCheckCountsBySchool(ducha.db, { from: '2026-12-01', until: '2027-01-05' });
    expect(counts.get(schoolId)).toEqual({ due: 4, done: 3, concerns: 2 });
    expect((await dailyCheckCountsBySchool(ducha.db, { from: '2026-12-02', until: '2027-01-04' })).size).toBe(0);
  });
});
