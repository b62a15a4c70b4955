import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSchoolPeriods } from '../../src/db/queries/calendar.js';
import { seedDemoCounty } from '../../src/domain/roster/seed-demo-county.js';
import { SCHOOL_CHATS } from '../helpers/demo-county.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { byCampaign, monthlyLoopReads } from './monthly-loop/reads.js';

// Issue 10, item 9: the demo county ships an example 2026–27 school calendar. Seeded the way the
// sandbox's first start and `seed-demo` seed it, 学期有计划 opens at each term's start and the
// monthly rounds skip the months that open in 寒假 — all seen in what the Lark sandbox received.

const AUTUMN = '2026秋季学期(示例)';
const SPRING = '2027春季学期(示例)';

describe('the demo county’s example school calendar, through the scheduler', () => {
  let ducha: TestDucha;
  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-08-31T12:00:00+08:00' });
    await seedDemoCounty(ducha.db, ducha.clock.now());
  });
  afterAll(() => ducha?.close());

  const { prompts, principalPrompts, expectOnePromptPerPrincipal } = monthlyLoopReads(() => ducha);

  it('is stored with the demo, every term and vacation named 示例, and seeding again adds nothing', async () => {
    const periods = (await listSchoolPeriods(ducha.db)).map((p) => `${p.kind} ${p.name} ${p.startsOn}..${p.endsOn}`);
    expect(periods).toEqual([
      `term ${AUTUMN} 2026-09-01..2027-01-22`,
      'vacation 2027寒假(示例) 2027-01-23..2027-02-21',
      `term ${SPRING} 2027-02-22..2027-07-02`,
      'vacation 2027暑假(示例) 2027-07-03..2027-08-31',
    ]);
    expect((await seedDemoCounty(ducha.db, ducha.clock.now())).calendarPeriods).toBe(0);
    expect(await listSchoolPeriods(ducha.db)).toHaveLength(4);
  });

  it('opens 学期有计划 on the autumn term’s first day with one 1:1 card per principal', async () => {
    const before = ducha.botMessages().length;
    expect((await ducha.tick('2026-09-01T08:59:00+08:00')).rounds.opened).toEqual([]);
    const report = await ducha.tick('2026-09-01T09:00:00+08:00');
    expect([...report.rounds.opened].sort(byCampaign)).toEqual([
      { campaign: 'monthly-monitoring', period: '2026-09', prompts: 16 },
      { campaign: 'principal-monthly-plan', period: '2026-09', prompts: 16 },
      { campaign: 'semester-plan', period: AUTUMN, prompts: 16 },
    ]);
    // Due four weeks after the term starts.
    await expectOnePromptPerPrincipal({ period: AUTUMN, title: '学期有计划', code: 'semester-plan', field: 'plan', due: '2026-09-29 18:00' });
    // Three rounds' cards, and the term's aid check card in each school chat (every demo school has aided students).
    expect(ducha.botMessages()).toHaveLength(before + 16 * 3 + 16);
    expect(ducha.botMessages().slice(before).filter((m) => m.text.includes('精准资助大排查')).map((m) => m.chat_id).sort()).toEqual(SCHOOL_CHATS);
  });

  it('opens January’s monthly rounds in term, but none in the winter vacation', async () => {
    // 2027-01-01..03 is New Year: January opens Monday the 4th at 08:00, still in the autumn term.
    const january = await ducha.tick('2027-01-04T08:00:00+08:00');
    expect([...january.rounds.opened].sort(byCampaign).map((r) => `${r.campaign} ${r.period}`)).toEqual([
      'monthly-monitoring 2027-01',
      'principal-monthly-plan 2027-01',
    ]);
    expect(prompts('2027-01').map((m) => m.chat_id).sort()).toEqual(SCHOOL_CHATS);

    // 2027-02-01 falls in 寒假: February's rounds are skipped, not opened late, and no prompt goes out.
    const before = ducha.botMessages().length;
    for (const now of ['2027-02-01T09:00:00+08:00', '2027-02-10T09:00:00+08:00', '2027-02-20T09:00:00+08:00']) {
      const report = await ducha.tick(now);
      expect(report.rounds.opened, now).toEqual([]);
    }
    const sent = ducha.botMessages().slice(before);
    expect(sent.filter((m) => m.msg_type === 'interactive')).toEqual([]);
    expect(prompts('2027-02')).toEqual([]);
    expect(principalPrompts('2027-02', '月有安排')).toEqual([]);
  });

  it('opens 学期有计划 again when the spring term starts, and March’s monthly rounds after it', async () => {
    const spring = await ducha.tick('2027-02-22T09:00:00+08:00');
    expect(spring.rounds.opened).toEqual([{ campaign: 'semester-plan', period: SPRING, prompts: 16 }]);
    await expectOnePromptPerPrincipal({ period: SPRING, title: '学期有计划', code: 'semester-plan', field: 'plan', due: '2027-03-22 18:00' });
    expect(prompts('2027-02')).toEqual([]);

    const march = await ducha.tick('2027-03-01T09:00:00+08:00');
    expect([...march.rounds.opened].sort(byCampaign).map((r) => `${r.campaign} ${r.period}`)).toEqual([
      'monthly-monitoring 2027-03',
      'principal-monthly-plan 2027-03',
    ]);
    expect(prompts('2027-03').map((m) => m.chat_id).sort()).toEqual(SCHOOL_CHATS);
  });
});
