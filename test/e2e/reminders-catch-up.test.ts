import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRINCIPALS } from '../helpers/demo-county.js';
import { expectRespondentReminders, isReminder, principalMessageKind } from '../helpers/reminder-messages.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

// A scheduler that first ticks on the deadline day, after the earlier reminder steps' moments: only
// what is due then goes out, and what was missed never does. (The reminders of a December ticked
// all along are in reminders-and-nudge.test.ts.)

describe('a scheduler that catches up', () => {
  let ducha: TestDucha;
  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-12-25T09:30:00+08:00', roster: 'demo' });
  });
  afterAll(() => ducha?.close());

  it('first ticking at 2026-12-25 09:30 sends only the due-day step, once per principal', async () => {
    const report = await ducha.tick();
    // The principals' rounds still open are opened too (月有安排, due 2026-12-07, is not).
    expect([...report.rounds.opened].sort((a, b) => a.campaign.localeCompare(b.campaign))).toEqual([
      { campaign: 'annual-report', period: '2026', prompts: 16 },
      { campaign: 'monthly-monitoring', period: '2026-12', prompts: 16 },
    ]);
    expect(report.reminders.steps.filter((s) => s.outcome === 'sent')).toEqual([
      { campaign: 'monthly-monitoring', step: 'due-day', period: '2026-12', messages: 16, outcome: 'sent' },
      { campaign: 'annual-report', step: 'due-day', period: '2026', messages: 16, outcome: 'sent' },
    ]);
    const cards = ducha.botMessages().filter(isReminder);
    expect(cards).toHaveLength(16);
    expect(new Set(cards.map((c) => c.receive_id)).size).toBe(16);
    expect(cards.every((c) => c.receive_id_type === 'open_id' && c.text.includes('今天'))).toBe(true);
    // The annual report is due today as well: its prompt and its due-day reminder both go to every principal.
    expectRespondentReminders(ducha.botMessages(), { to: PRINCIPALS, period: '2026', title: '全年有汇报', due: '2026-12-25 18:00' });
    const principalCards = ducha.botMessages().filter((m) => m.chat_type === 'p2p' && !isReminder(m) && m.msg_type === 'interactive');
    // No half-year summary for July–December: the annual report is the only report they owe.
    expect(principalCards.map(principalMessageKind)).toEqual(Array(16).fill('prompt 全年有汇报'));
    expect(ducha.botMessages().filter((m) => m.chat_type === 'group')).toHaveLength(16);
    expect(ducha.botMessages()).toHaveLength(16 /* school prompts */ + 16 /* principals' prompts */ + 16 + 16 /* reminders */);

    // The 3-days-before step, missed, never goes out later.
    const before = ducha.botMessages().length;
    await ducha.tick('2026-12-25T12:00:00+08:00');
    expect(ducha.botMessages()).toHaveLength(before);
  });

  it('a round whose reminders all fell before the first tick after its deadline sends none', async () => {
    // 2027-01-01..03 is the New Year holiday: January's rounds open Monday 2027-01-04 at 08:00.
    const beforeJanuary = ducha.botMessages().length;
    const opened = await ducha.tick('2027-01-04T08:00:00+08:00');
    expect([...opened.rounds.opened].sort((a, b) => a.campaign.localeCompare(b.campaign))).toEqual([
      { campaign: 'monthly-monitoring', period: '2027-01', prompts: 16 },
      { campaign: 'principal-monthly-plan', period: '2027-01', prompts: 16 },
    ]);
    // Nothing was left to remind of: the annual report's steps went on 12-25, before its deadline.
    expect(opened.reminders.steps.filter((s) => s.outcome === 'sent')).toEqual([]);
    const all = ducha.botMessages().slice(beforeJanuary);
    // December's monthly check-in, due 12-25, is three workdays overdue: the bureau hears of it once.
    expect(opened.escalations.escalated.map((e) => `${e.campaign} ${e.period}`)).toEqual(['monthly-monitoring 2026-12']);
    expect(all.filter((m) => m.chat_id === 'oc_demo_bureau')).toHaveLength(1);
    const january = all.filter((m) => m.chat_id !== 'oc_demo_bureau');
    expect(january.filter((m) => m.msg_type === 'text')).toEqual([]);
    expect(january).toHaveLength(16 + 16);

    const before = ducha.botMessages().length;
    const report = await ducha.tick('2027-01-25T18:30:00+08:00');
    expect(report.reminders.steps.filter((s) => s.outcome === 'sent')).toEqual([]);
    expect(ducha.botMessages()).toHaveLength(before);
  });
});
