import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaigns, people, responses, rounds, schools } from '../../src/db/schema/index.js';
import { tick } from '../../src/jobs/tick.js';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { callbackValue } from '../helpers/card-tree.js';
import { MONTHLY, PRINCIPALS } from '../helpers/demo-county.js';
import { expectRespondentReminders, isReminder, mentionedIds, namesOnCard, principalMessageKind } from '../helpers/reminder-messages.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

// One December of the demo county on one server, in order: the principals' own campaigns remind
// them 1:1, the check-in's reminder cards name who is missing, and the nudge button. A scheduler
// that first ticks late is in reminders-catch-up.test.ts.

type Roster = { schoolId: number; chatId: string; principal: string; teachers: { openId: string; name: string }[] }[];

/** The demo roster as stored: each school's chat, principal and teachers in roster order. */
async function loadRoster(ducha: TestDucha): Promise<Roster> {
  const rows = await ducha.db
    .select({ schoolId: schools.id, chatId: schools.chatId, role: people.role, openId: people.openId, name: people.name })
    .from(people)
    .innerJoin(schools, eq(schools.id, people.schoolId))
    .orderBy(asc(schools.id), asc(people.id));
  const bySchool = new Map<number, Roster[number]>();
  for (const r of rows) {
    const school: Roster[number] = bySchool.get(r.schoolId) ?? { schoolId: r.schoolId, chatId: r.chatId!, principal: '', teachers: [] };
    bySchool.set(r.schoolId, school);
    if (r.role === 'principal') school.principal = r.openId;
    else school.teachers.push({ openId: r.openId, name: r.name });
  }
  return [...bySchool.values()];
}

/** Teachers of the school with no monthly check-in for the period, from the database. */
async function missingTeachers(ducha: TestDucha, roster: Roster, chatId: string, period: string) {
  const school = roster.find((s) => s.chatId === chatId)!;
  const answered = await ducha.db
    .select({ openId: people.openId })
    .from(responses)
    .innerJoin(people, eq(people.id, responses.personId))
    .innerJoin(rounds, eq(rounds.id, responses.roundId))
    .innerJoin(campaigns, eq(campaigns.id, rounds.campaignId))
    .where(and(eq(campaigns.code, 'monthly-monitoring'), eq(rounds.period, period), eq(people.schoolId, school.schoolId)));
  const done = new Set(answered.map((a) => a.openId));
  return school.teachers.filter((t) => !done.has(t.openId));
}

describe('principal reminders and the nudge button', () => {
  let ducha: TestDucha;
  let roster: Roster;

  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-12-01T09:00:00+08:00', roster: 'demo' });
    await ducha.tick();
    roster = await loadRoster(ducha);
  });
  afterAll(() => ducha?.close());

  const school = (chatId: string) => roster.find((s) => s.chatId === chatId)!;
  const answer = async (openId: string, chatId: string) => {
    const { reply } = await ducha.say(openId, '走访2户 电话1户', chatId);
    expect(reply!.text).toContain('已收到');
  };
  const remindersSince = (index: number) => ducha.botMessages().slice(index).filter(isReminder);
  const reminderTo = (openId: string, cards: SandboxMessage[]) => {
    const found = cards.filter((m) => m.receive_id === openId);
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  /** Every principal of a school with missing teachers gets exactly one card naming exactly them. */
  async function expectRemindersMatchMissing(cards: SandboxMessage[]) {
    const expected: Record<string, string[]> = {};
    for (const s of roster) {
      const missing = await missingTeachers(ducha, roster, s.chatId, '2026-12');
      if (missing.length > 0) expected[s.principal] = missing.map((t) => t.name);
    }
    const got: Record<string, string[]> = {};
    for (const card of cards) {
      expect(card.receive_id_type).toBe('open_id');
      expect(card.chat_type).toBe('p2p');
      expect(got[card.receive_id!]).toBeUndefined();
      got[card.receive_id!] = namesOnCard(card);
    }
    expect(got).toEqual(expected);
  }

  describe('the principals’ own campaigns, earlier in December', () => {
    it('reminds every principal 1:1 of 月有安排 on its due day, and sends the teachers’ campaign nothing', async () => {
      // Due on the 5th, a Saturday: the deadline, and so its due-day reminder, move to Monday the 7th.
      const before = ducha.botMessages().length;
      const early = await ducha.tick('2026-12-05T09:00:00+08:00');
      expect(early.reminders.steps).toEqual([]);
      expect(ducha.botMessages()).toHaveLength(before);
      const report = await ducha.tick('2026-12-07T09:00:00+08:00');
      expect(report.rounds.opened).toEqual([]);
      expect(report.reminders.steps).toEqual([
        { campaign: 'principal-monthly-plan', step: 'due-day', period: '2026-12', messages: 16, outcome: 'sent' },
      ]);
      const sent = ducha.botMessages().slice(before);
      expect(sent).toHaveLength(16);
      expectRespondentReminders(sent, { to: PRINCIPALS, period: '2026-12', title: '月有安排', due: '2026-12-07 18:00' });
      expect(sent.filter(isReminder)).toEqual([]);
    });

    it('opens no second-half summary on 2026-12-15 (the annual report covers it), only escalating 月有安排', async () => {
      const before = ducha.botMessages().length;
      const report = await ducha.tick('2026-12-15T09:00:00+08:00');
      expect(report.rounds.opened).toEqual([]);
      expect(report.reminders.steps).toEqual([]);
      // 月有安排 was due 12-07: three workdays later its lagging list went to the bureau, once.
      expect(report.escalations.escalated).toEqual([{ campaign: 'principal-monthly-plan', period: '2026-12', schools: 16 }]);
      const all = ducha.botMessages().slice(before);
      expect(all).toHaveLength(1);
      expect(all[0]!.chat_id).toBe('oc_demo_bureau');
      expect(all[0]!.text).toMatch(/^【落后提醒】2026-12「月有安排」已于 2026-12-07 18:00 截止/);
    });

    it('reminds every principal 1:1 of 全年有汇报 seven days before its deadline', async () => {
      const before = ducha.botMessages().length;
      const report = await ducha.tick('2026-12-18T09:00:00+08:00');
      expect(report.rounds.opened).toEqual([]);
      expect(report.reminders.steps).toEqual([
        { campaign: 'annual-report', step: 'due-7d', period: '2026', messages: 16, outcome: 'sent' },
      ]);
      const sent = ducha.botMessages().slice(before);
      expect(sent).toHaveLength(16);
      expectRespondentReminders(sent, { to: PRINCIPALS, period: '2026', title: '全年有汇报', due: '2026-12-25 18:00' });
    });
  });

  describe('three days before the deadline', () => {
    let cards: SandboxMessage[] = [];

    it('sends nothing before 2026-12-22 09:00', async () => {
      // School 01 answers in full, school 02 in part; every other school not at all.
      ducha.setTime('2026-12-18T10:00:00+08:00');
      for (const t of school('oc_demo_school_01').teachers) await answer(t.openId, 'oc_demo_school_01');
      for (const t of school('oc_demo_school_02').teachers.slice(0, 3)) await answer(t.openId, 'oc_demo_school_02');

      const before = ducha.botMessages().length;
      const report = await ducha.tick('2026-12-22T08:59:00+08:00');
      expect(report.reminders.steps).toEqual([]);
      expect(ducha.botMessages()).toHaveLength(before);
    });

    it('at 09:00 sends each principal with missing teachers one 1:1 card naming exactly them', async () => {
      const before = ducha.botMessages().length;
      ducha.setTime('2026-12-22T09:00:00+08:00');
      // Two schedulers ticking together still send each card once.
      const reports = await Promise.all([tick(ducha.deps), tick(ducha.deps)]);
      await ducha.settle();
      const steps = reports.flatMap((r) => r.reminders.steps);
      expect(steps).toEqual([{ campaign: 'monthly-monitoring', step: 'due-3d', period: '2026-12', messages: 15, outcome: 'sent' }]);

      cards = remindersSince(before);
      expect(ducha.botMessages().slice(before)).toHaveLength(15);
      expect(cards).toHaveLength(15);
      await expectRemindersMatchMissing(cards);

      const p02 = reminderTo('ou_demo_p02', cards);
      const s02 = school('oc_demo_school_02');
      expect(namesOnCard(p02)).toEqual(s02.teachers.slice(3).map((t) => t.name));
      for (const t of s02.teachers.slice(0, 3)) expect(p02.text).not.toContain(t.name);
      expect(p02.text).toContain('2026-12-25 18:00');
      expect(p02.text).not.toContain('今天');
    });

    it('sends nothing about the check-in to the principal of a school where everyone answered', async () => {
      const toP01 = ducha.botMessages().filter((m) => m.receive_id === 'ou_demo_p01' || m.chat_id === 'oc_p2p_ou_demo_p01');
      expect(toP01.filter((m) => m.text.includes(MONTHLY))).toEqual([]);
      // Only the principals' own campaigns: two prompt cards and two reminders, one of each.
      expect(toP01.map(principalMessageKind).sort()).toEqual([
        'prompt 全年有汇报',
        'prompt 月有安排',
        'reminder 全年有汇报',
        'reminder 月有安排',
      ]);
    });

    it('sends nothing more on a second tick the same day', async () => {
      const before = ducha.botMessages().length;
      const report = await ducha.tick('2026-12-22T15:00:00+08:00');
      expect(report.reminders.steps).toEqual([]);
      expect(ducha.botMessages()).toHaveLength(before);
    });

    it('the nudge button posts one message in the school chat @-mentioning exactly the missing teachers', async () => {
      ducha.setTime('2026-12-22T10:00:00+08:00');
      const card = reminderTo('ou_demo_p02', cards);
      const clicked = await ducha.click('ou_demo_p02', card.message_id, { value: callbackValue(card) });
      expect(clicked.delivered.status).toBe(200);
      expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
      expect(clicked.sent).toHaveLength(1);
      const nudge = clicked.sent[0]!;
      expect(nudge.chat_id).toBe('oc_demo_school_02');
      expect(nudge.chat_type).toBe('group');
      expect(nudge.receive_id_type).toBe('chat_id');
      expect(nudge.msg_type).toBe('text');
      const missing = school('oc_demo_school_02').teachers.slice(3);
      expect(mentionedIds(nudge.text)).toEqual(missing.map((t) => t.openId).sort());
      expect(nudge.text).toContain('2026-12-25 18:00');
    });

    it('a second click the same day is refused with a toast and posts nothing', async () => {
      ducha.setTime('2026-12-22T16:30:00+08:00');
      const card = reminderTo('ou_demo_p02', cards);
      const clicked = await ducha.click('ou_demo_p02', card.message_id, { value: callbackValue(card) });
      expect(clicked.delivered.body.toast).toMatchObject({ type: 'error' });
      expect(clicked.delivered.body.toast.content).toContain('今天');
      expect(clicked.sent).toEqual([]);
    });

    it('refuses the button to a principal of another school and to a teacher, posting nothing', async () => {
      const card = reminderTo('ou_demo_p02', cards);
      for (const someone of ['ou_demo_p03', 'ou_demo_t0207', 'ou_demo_b1']) {
        const clicked = await ducha.click(someone, card.message_id, { value: callbackValue(card) });
        expect(clicked.delivered.body.toast, someone).toMatchObject({ type: 'error' });
        expect(clicked.sent, someone).toEqual([]);
      }
      // Nor can the principal of school 03 nudge school 03 with school 02's button.
      const other = reminderTo('ou_demo_p03', cards);
      const clicked = await ducha.click('ou_demo_p03', other.message_id, { value: callbackValue(card) });
      expect(clicked.delivered.body.toast).toMatchObject({ type: 'error' });
      expect(clicked.sent).toEqual([]);
    });

    it('is allowed again the next day, and then mentions only who is still missing', async () => {
      ducha.setTime('2026-12-23T08:00:00+08:00');
      const s02 = school('oc_demo_school_02');
      await answer(s02.teachers[3]!.openId, 'oc_demo_school_02');

      ducha.setTime('2026-12-23T09:15:00+08:00');
      const card = reminderTo('ou_demo_p02', cards);
      const clicked = await ducha.click('ou_demo_p02', card.message_id, { value: callbackValue(card) });
      expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
      expect(clicked.sent).toHaveLength(1);
      expect(clicked.sent[0]!.chat_id).toBe('oc_demo_school_02');
      expect(mentionedIds(clicked.sent[0]!.text)).toEqual(s02.teachers.slice(4).map((t) => t.openId).sort());
    });
  });

  describe('on the deadline day', () => {
    it('sends the due-day reminder at 09:00, reflecting answers given since', async () => {
      // School 03 catches up entirely; school 02 is down to its last three teachers.
      ducha.setTime('2026-12-24T11:00:00+08:00');
      for (const t of school('oc_demo_school_03').teachers) await answer(t.openId, 'oc_demo_school_03');

      const before = ducha.botMessages().length;
      const report = await ducha.tick('2026-12-25T09:00:00+08:00');
      expect(report.reminders.steps).toEqual([
        { campaign: 'monthly-monitoring', step: 'due-day', period: '2026-12', messages: 14, outcome: 'sent' },
        { campaign: 'annual-report', step: 'due-day', period: '2026', messages: 16, outcome: 'sent' },
      ]);
      const cards = remindersSince(before);
      expect(cards).toHaveLength(14);
      // The annual report falls due today too: every principal (p01 and p03 included) is reminded of it.
      const annual = expectRespondentReminders(ducha.botMessages().slice(before), {
        to: PRINCIPALS,
        period: '2026',
        title: '全年有汇报',
        due: '2026-12-25 18:00',
      });
      expect(ducha.botMessages().slice(before)).toHaveLength(14 + 16);
      expect(annual.filter(isReminder)).toEqual([]);
      await expectRemindersMatchMissing(cards);
      expect(cards.map((c) => c.receive_id)).not.toContain('ou_demo_p01');
      expect(cards.map((c) => c.receive_id)).not.toContain('ou_demo_p03');

      const p02 = reminderTo('ou_demo_p02', cards);
      expect(namesOnCard(p02)).toEqual(school('oc_demo_school_02').teachers.slice(4).map((t) => t.name));
      expect(p02.text).toContain('今天');
    });

    it('sends no reminder on a tick after the deadline', async () => {
      const before = ducha.botMessages().length;
      const report = await ducha.tick('2026-12-25T18:30:00+08:00');
      expect(report.reminders.steps.filter((s) => s.outcome === 'sent')).toEqual([]);
      expect(ducha.botMessages()).toHaveLength(before);
    });
  });
});
