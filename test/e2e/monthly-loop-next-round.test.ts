import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responses } from '../../src/db/schema/index.js';
import { callbackValue } from '../helpers/card-tree.js';
import { MONTHLY } from '../helpers/demo-county.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { byCampaign, monthly, monthlyLoopReads, SCHOOL_01, SCHOOL_02 } from './monthly-loop/reads.js';

// The story of one installation, continued from monthly-loop.test.ts: the principals' half-year
// summary stays closed in December (the annual report covers the second half), December's
// deadline passes, January opens.

describe('the monthly loop, end to end', () => {
  let ducha: TestDucha;

  beforeAll(async () => {
    // Where monthly-loop.test.ts leaves the installation, as far as what follows reads it: started
    // after November's deadline, December's rounds opened on 2026-12-01 09:00, and ou_demo_t0101
    // checked in on time (on 12-03, in the school chat). Nobody else answered anything it asks about.
    ducha = await startTestDucha({ now: '2026-11-29T10:00:00+08:00', roster: 'demo' });
    await ducha.tick('2026-12-01T09:00:00+08:00');
    ducha.setTime('2026-12-03T10:00:00+08:00');
    const { reply } = await ducha.say('ou_demo_t0101', '走访5户 电话3户 新增预警1人 备注：家长外出务工', SCHOOL_01);
    if (!reply?.text.includes('已收到')) throw new Error(`the on-time check-in was not taken: ${reply?.text}`);
  });
  afterAll(() => ducha?.close());

  const { prompts, principalPrompts, expectOnePromptPerPrincipal, promptIn, storedFor, countRows } = monthlyLoopReads(() => ducha);

  describe('the principals’ half-year summary', () => {
    it('does not open a second-half round on 2026-12-15: the annual report, open since 12-01, covers it', async () => {
      const before = ducha.botMessages().length;
      const report = await ducha.tick('2026-12-15T09:00:00+08:00');
      expect(report.rounds.opened).toEqual([]);
      expect(report.reminders.steps.filter((s) => s.outcome === 'sent')).toEqual([]);
      expect(principalPrompts('2026-H2', '半年有总结')).toEqual([]);
      expect(principalPrompts('2026', '全年有汇报')).toHaveLength(16);
      // 月有安排 was due 12-07; three workdays on, the bureau gets its lagging list once, and that is all.
      expect(report.escalations.escalated.map((e) => `${e.campaign} ${e.period}`)).toEqual(['principal-monthly-plan 2026-12']);
      expect(ducha.botMessages().slice(before).filter((m) => m.chat_id === 'oc_demo_bureau')).toHaveLength(1);
      expect(ducha.botMessages()).toHaveLength(before + 1);
      expect(prompts('2026-12')).toHaveLength(16);
    });
  });

  describe('after the deadline', () => {
    it('stores a late answer marked late, and the receipt says so', async () => {
      ducha.setTime('2026-12-26T10:00:00+08:00');
      expect((await ducha.tick()).rounds.opened).toEqual([]);
      const { reply } = await ducha.say('ou_demo_t0205', '走访1户 电话1户', SCHOOL_02);
      expect(reply!.text).toContain('逾期');
      expect(reply!.text).toContain('走访户数 1，电话随访户数 1，新增预警人数 0');
      const [row] = await storedFor('ou_demo_t0205');
      expect(row).toMatchObject({ campaign: 'monthly-monitoring', period: '2026-12', late: true });
      expect(row!.answers).toEqual(monthly(1, 1, 0, null));

      const mine = await ducha.say('ou_demo_t0205', '我的', SCHOOL_02);
      expect(mine.reply!.text).toContain('逾期');
      // Answers given in time stay on time.
      const [onTime] = await storedFor('ou_demo_t0101');
      expect(onTime!.late).toBe(false);
    });
  });

  describe('the next round', () => {
    it('opens January with one new prompt per school chat, and each principal a new 1:1 月有安排 card', async () => {
      const before = ducha.botMessages().length;
      // 2027-01-01..03 is the New Year holiday: January's rounds open Monday 2027-01-04 at 08:00.
      const report = await ducha.tick('2027-01-04T08:00:00+08:00');
      expect([...report.rounds.opened].sort(byCampaign)).toEqual([
        { campaign: 'monthly-monitoring', period: '2027-01', prompts: 16 },
        { campaign: 'principal-monthly-plan', period: '2027-01', prompts: 16 },
      ]);
      // No reminder goes with them: the annual report's steps fell before its 12-25 deadline, unticked,
      // and there is no second-half summary to remind anyone of.
      expect(report.reminders.steps.filter((s) => s.outcome === 'sent')).toEqual([]);
      // December's check-in is three workdays overdue by now: the bureau's chat hears of it once.
      expect(report.escalations.escalated.map((e) => `${e.campaign} ${e.period}`)).toEqual(['monthly-monitoring 2026-12']);
      const texts = ducha.botMessages().slice(before).filter((m) => m.msg_type === 'text');
      expect(texts.filter((m) => m.chat_id === 'oc_demo_bureau')).toHaveLength(1);
      expect(texts.filter((m) => m.chat_id !== 'oc_demo_bureau')).toEqual([]);

      const sent = prompts('2027-01');
      expect(sent).toHaveLength(16);
      expect(new Set(sent.map((m) => m.chat_id)).size).toBe(16);
      expect(sent[0]!.text).toContain('2027-01-25 18:00');
      expect(prompts('2026-12')).toHaveLength(16);

      await expectOnePromptPerPrincipal({ period: '2027-01', title: '月有安排', code: 'principal-monthly-plan', field: 'arrangement', due: '2027-01-05 18:00' });
      // The annual report is still 2026's: no new card for it, and none for a half-year summary.
      expect(principalPrompts('2026', '全年有汇报')).toHaveLength(16);
      expect(principalPrompts('2026-H2', '半年有总结')).toEqual([]);
      expect(ducha.botMessages()).toHaveLength(before + 16 + 16 + 1);
    });

    it('refuses a submit on the old December card, storing nothing', async () => {
      const before = await countRows(responses);
      const december = promptIn('2026-12', SCHOOL_02);
      const clicked = await ducha.click('ou_demo_t0206', december.message_id, {
        value: callbackValue(december),
        form_value: { home_visits: '3', phone_followups: '1', new_alerts: '0', note: '' },
      });
      expect(clicked.delivered.body.toast).toMatchObject({ type: 'error' });
      expect(clicked.delivered.body.toast.content).toContain('已结束');
      expect(clicked.sent).toEqual([]);
      expect(await storedFor('ou_demo_t0206')).toEqual([]);
      expect(await countRows(responses)).toBe(before);
    });

    it('stores answers on the January card and by text in the new round, leaving December as it was', async () => {
      const january = promptIn('2027-01', SCHOOL_02);
      const clicked = await ducha.click('ou_demo_t0206', january.message_id, {
        value: callbackValue(january),
        form_value: { home_visits: '3', phone_followups: '1', new_alerts: '0', note: '' },
      });
      expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
      expect(clicked.sent[0]!.text).toContain(`2027-01「${MONTHLY}」`);

      const { reply } = await ducha.say('ou_demo_t0101', '走访1户', SCHOOL_01);
      expect(reply!.text).toContain('已收到');
      expect(reply!.text).toContain(`2027-01「${MONTHLY}」`);
      const rows = await storedFor('ou_demo_t0101');
      expect(rows.map((r) => [r.campaign, r.period, r.answers.home_visits, r.revisions])).toEqual([
        ['monthly-monitoring', '2026-12', 5, 0],
        ['monthly-monitoring', '2027-01', 1, 0],
      ]);
      expect(rows[0]!.answers).toEqual(monthly(5, 3, 1, '家长外出务工'));
      expect((await storedFor('ou_demo_t0206')).map((r) => r.period)).toEqual(['2027-01']);
    });
  });
});
