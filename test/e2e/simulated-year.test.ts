import { beforeAll, describe, expect, it } from 'vitest';
import { callbackValueIfOne } from '../helpers/card-tree.js';
import { mentionedIds, namesOnCard } from '../helpers/reminder-messages.js';
import { addMonths, at, dateOf, fmt, inWindow, LAST_DAY, nextOpening, nextWorkday, timeOf, weekday } from './simulated-year/calendar.js';
import { runSimulatedYear, type SimulatedYear } from './simulated-year/plan.js';
import { yearReads } from './simulated-year/reads.js';

/*
 * A whole school year, 2026-09-01 .. 2027-08-31, on a settable clock: every default campaign's
 * rounds open, remind, fall due and escalate while some teachers and principals answer and some
 * principals press the nudge button (simulated-year/plan.ts and people.ts). Then every message the
 * sandbox received is checked here: when it arrived, who got it, and that nobody was reminded more
 * than the budget allows, against what the calendar says should happen (simulated-year/calendar.ts).
 */

const BUREAU_CHAT = 'oc_demo_bureau';
const sorted = <T>(xs: T[]) => [...xs].sort();

// A minute-by-minute walk of a year (a minute of CI per driver); its logic is the same on both
// databases, so it walks on Postgres only. The calendar and ladders run on PGlite elsewhere.
describe.runIf(process.env.DATABASE_URL)('a simulated school year: every default campaign’s ladder, on the calendar, within the budget', () => {
  /** What the walk recorded: written once, here, and only read by the tests. */
  let year: SimulatedYear;
  beforeAll(async () => {
    year = await runSimulatedYear();
  }, 600_000);

  const { kind, expectedFor, answeredBy, missingTeachersAt, started, ofKind, nudgeRound, reminderRound, reminderRoundOfEscalation } = yearReads(() => year);

  it('walked the whole year, and every message the sandbox received came from the outbox', () => {
    const { ticks, messages, kindOf, principalAnswers, teacherAnswers } = year;
    expect(ticks).toBeGreaterThan(365);
    expect(messages.length).toBeGreaterThan(0);
    const unknown = messages.filter((m) => !kind(m)).map((m) => `${fmt(Number(m.create_time))} ${m.chat_id} ${m.text.slice(0, 40)}`);
    expect(unknown).toEqual([]);
    expect(sorted([...new Set(messages.map((m) => kind(m)!))])).toEqual(
      sorted(['prompt', 'principal-reminder', 'reminder', 'nudge', 'escalation', 'receipt', 'reply']),
    );
    // Replies (and only they) answer someone's message; nothing was sent before its time.
    for (const m of messages) {
      expect(m.parent_id !== null, `${kind(m)} ${m.text.slice(0, 40)}`).toBe(kind(m) === 'reply');
      expect(Number(m.create_time)).toBeGreaterThanOrEqual(kindOf.get(m.uuid!)!.notBefore);
    }
    // People did what the plan says: teachers' answers were all accepted.
    expect(teacherAnswers.length).toBeGreaterThan(300);
    for (const a of teacherAnswers) expect(a.reply, `${a.teacher} at ${fmt(a.at)}`).toContain('已收到');
    for (const a of principalAnswers) expect(a.toast, `${a.principal} at ${fmt(a.at)}`).toMatchObject({ type: 'success' });
  });

  it('every message the bot started arrived in the sending window of a workday', () => {
    const { cal, messages } = year;
    const outside = started().filter((m) => !cal.isInSendingWindow(new Date(Number(m.create_time))) || !inWindow(cal, Number(m.create_time)));
    expect(outside.map((m) => `${fmt(Number(m.create_time))} ${kind(m)} → ${m.chat_id}`)).toEqual([]);
    // Spelled out: no weekend (unless a make-up workday), no official holiday, no night, no midday rest.
    for (const m of started()) {
      const ms = Number(m.create_time);
      const d = dateOf(ms);
      const t = timeOf(ms);
      const label = `${fmt(ms)} ${kind(m)}`;
      if (weekday(d) === 0 || weekday(d) === 6) expect(cal.entryFor(d)?.kind, label).toBe('workday');
      expect(cal.entryFor(d)?.kind, label).not.toBe('holiday');
      expect(d >= '2026-10-01' && d <= '2026-10-07', label).toBe(false); // 国庆
      expect(t >= '08:00' && t < '18:00' && !(t >= '12:00' && t < '14:30'), label).toBe(true);
    }
    // Replies and receipts are the only things that went out of hours (teachers answering at 20:00).
    const late = messages.filter((m) => !inWindow(cal, Number(m.create_time)));
    expect(late.length).toBeGreaterThan(0);
    expect(sorted([...new Set(late.map((m) => kind(m)))])).toEqual(expect.arrayContaining(['reply']));
    for (const m of late) expect(['reply', 'receipt']).toContain(kind(m));
  });

  it('opens the year’s rounds of every campaign, once each, at their (shifted) opening and never after their deadline', () => {
    const { cal, expected, roundRows } = year;
    const periods = (code: string) => sorted(roundRows.filter((r) => r.code === code).map((r) => r.period));
    // The monthly campaigns pause in vacations: February and August open in 寒假 and 暑假, so have no round.
    const months = Array.from({ length: 12 }, (_, i) => addMonths('2026-09', i)).filter((m) => m !== '2027-02' && m !== '2027-08');
    expect(periods('monthly-monitoring')).toEqual(months);
    expect(periods('principal-monthly-plan')).toEqual(months);
    // The second half's summary is the annual report: no 2026-H2 round.
    expect(periods('half-year-summary')).toEqual(['2027-H1']);
    expect(periods('annual-report')).toEqual(['2026']);
    expect(periods('semester-plan')).toEqual(['2026-autumn', '2027-spring']);
    expect(roundRows).toHaveLength(24);
    const byKey = (xs: readonly { code: string; period: string }[]) => sorted(xs.map((x) => `${x.code} ${x.period}`));
    expect(byKey(roundRows)).toEqual(byKey(expected));

    for (const r of roundRows) {
      const e = expectedFor(r);
      const label = `${r.code} ${r.period}`;
      expect(fmt(r.opensAt), label).toBe(fmt(e.opensAt));
      expect(fmt(r.dueAt), label).toBe(fmt(e.dueAt));
      expect(r.openedAt, label).toBeLessThan(r.dueAt);
      expect(fmt(r.openedAt), label).toBe(fmt(r.opensAt)); // the walk ticks at each opening
      expect(inWindow(cal, r.opensAt), label).toBe(true);
      expect(cal.isWorkday(dateOf(r.dueAt)), label).toBe(true);
    }
    // 2026-10-01 is 国庆: October's rounds open on Thursday 2026-10-08 at 08:00, and their prompts go then.
    for (const code of ['monthly-monitoring', 'principal-monthly-plan']) {
      const r = roundRows.find((x) => x.code === code && x.period === '2026-10')!;
      expect(fmt(r.opensAt)).toBe('2026-10-08 08:00');
      const prompts = ofKind('prompt').filter((m) => callbackValueIfOne(m)?.round_id === r.id);
      expect(prompts).toHaveLength(16);
      for (const m of prompts) expect(fmt(Number(m.create_time))).toBe('2026-10-08 08:00');
    }
    // Nothing opened in a vacation, so no prompt went out in one.
    for (const r of roundRows) expect(cal.isInVacation(dateOf(r.opensAt)), `${r.code} ${r.period}`).toBe(false);
    expect(ofKind('prompt').filter((m) => cal.isInVacation(dateOf(Number(m.create_time))))).toEqual([]);
  });

  it('moves deadlines that fall on a rest day to the next workday, and the due-day reminders with them', () => {
    const { cal, roundRows } = year;
    const moved = roundRows.filter((r) => !cal.isWorkday(dateOf(expectedFor(r).nominalDue)));
    expect(moved.length).toBeGreaterThan(0);
    for (const r of moved) {
      const e = expectedFor(r);
      expect(fmt(r.dueAt), `${r.code} ${r.period}`).toBe(`${nextWorkday(cal, dateOf(e.nominalDue))} ${timeOf(e.nominalDue)}`);
    }
    // A real case: 2026-10-25 is a Sunday, so October's check-in is due Monday 2026-10-26 18:00;
    // its due-day cards go that Monday at 09:00 and nothing goes on the Sunday.
    const october = roundRows.find((r) => r.code === 'monthly-monitoring' && r.period === '2026-10')!;
    expect(moved).toContainEqual(october);
    expect(fmt(october.dueAt)).toBe('2026-10-26 18:00');
    const cards = ofKind('principal-reminder').filter((m) => callbackValueIfOne(m)?.round_id === october.id);
    expect(sorted([...new Set(cards.map((m) => fmt(Number(m.create_time))))])).toEqual(['2026-10-23 09:00', '2026-10-26 09:00']);
    expect(started().filter((m) => dateOf(Number(m.create_time)) === '2026-10-25')).toEqual([]);
    // And 2026-09-25 (中秋) moves September's check-in to Monday 09-28; its 3-days-before card moves back to Thursday 09-24.
    const september = roundRows.find((r) => r.code === 'monthly-monitoring' && r.period === '2026-09')!;
    expect(fmt(september.dueAt)).toBe('2026-09-28 18:00');
    const septemberCards = ofKind('principal-reminder').filter((m) => callbackValueIfOne(m)?.round_id === september.id);
    expect(sorted([...new Set(septemberCards.map((m) => fmt(Number(m.create_time))))])).toEqual(['2026-09-24 09:00', '2026-09-28 09:00']);
  });

  it('sends each round’s prompt once per school chat (teachers) or once 1:1 per principal, at its opening', () => {
    const { schoolList, roundRows } = year;
    const prompts = ofKind('prompt');
    const principals = schoolList.map((s) => s.principal.openId);
    for (const r of roundRows) {
      const e = expectedFor(r);
      const label = `${r.code} ${r.period}`;
      const mine = prompts.filter((m) => callbackValueIfOne(m)?.round_id === r.id);
      for (const m of mine) {
        expect(fmt(Number(m.create_time)), label).toBe(fmt(r.opensAt));
        expect(m.text, label).toContain(`${r.period} ${e.title}`);
        expect(m.text, label).toContain(fmt(r.dueAt));
      }
      if (e.audience === 'teachers') {
        expect(sorted(mine.map((m) => m.chat_id)), label).toEqual(sorted(schoolList.map((s) => s.chatId)));
        for (const m of mine) {
          expect(m.chat_type, label).toBe('group');
          expect(m.receive_id_type, label).toBe('chat_id');
        }
      } else {
        expect(sorted(mine.map((m) => m.receive_id!)), label).toEqual(sorted(principals));
        for (const m of mine) {
          expect(m.chat_type, label).toBe('p2p');
          expect(m.receive_id_type, label).toBe('open_id');
        }
      }
    }
    // Every prompt belongs to one of these rounds.
    expect(prompts.filter((m) => !roundRows.some((r) => r.id === callbackValueIfOne(m)?.round_id))).toEqual([]);
    expect(prompts).toHaveLength(roundRows.length * 16);
  });

  it('sends each reminder step at its moment, only to people who owe the round, naming exactly who is missing', () => {
    const { schoolList, personByOpenId, roundRows } = year;
    const cards = ofKind('principal-reminder');
    const reminders = ofKind('reminder');
    for (const r of roundRows) {
      const e = expectedFor(r);
      const label = `${r.code} ${r.period}`;
      const mine = e.audience === 'teachers' ? cards.filter((m) => callbackValueIfOne(m)?.round_id === r.id) : reminders.filter((m) => reminderRound(m).id === r.id);
      const moments = sorted([...new Set(mine.map((m) => Number(m.create_time)))]);
      // Each step whose moment came (inside the year) and found somebody missing sent, at that moment.
      const stepsDue = e.steps.filter((s) => s.at <= at(LAST_DAY, '23:59') && s.at >= r.openedAt);
      const expectedMoments: number[] = [];
      for (const step of stepsDue) {
        const label2 = `${label} ${step.step} ${fmt(step.at)}`;
        const sent = mine.filter((m) => Number(m.create_time) === step.at);
        if (step.to === 'principals') {
          // Teachers' campaign: one card per principal whose school has teachers missing, naming exactly them.
          const want = schoolList.filter((s) => missingTeachersAt(r.id, s, step.at).length > 0);
          expect(sorted(sent.map((m) => m.receive_id!)), label2).toEqual(sorted(want.map((s) => s.principal.openId)));
          for (const m of sent) {
            const school = want.find((s) => s.principal.openId === m.receive_id)!;
            expect(m.chat_type, label2).toBe('p2p');
            expect(m.receive_id_type, label2).toBe('open_id');
            expect(callbackValueIfOne(m), label2).toMatchObject({ action: 'nudge', round_id: r.id, school_id: school.id });
            expect(sorted(namesOnCard(m)), `${label2} → ${m.receive_id}`).toEqual(sorted(missingTeachersAt(r.id, school, step.at).map((t) => t.name)));
            expect(m.text, label2).toContain(fmt(r.dueAt));
          }
          if (want.length > 0) expectedMoments.push(step.at);
        } else {
          // Principals' campaign: 1:1 text to each principal who has not answered yet.
          const want = schoolList.map((s) => s.principal).filter((p) => !answeredBy(r.id, p.id, step.at));
          expect(sorted(sent.map((m) => m.receive_id!)), label2).toEqual(sorted(want.map((p) => p.openId)));
          for (const m of sent) {
            expect(m.chat_type, label2).toBe('p2p');
            expect(m.receive_id_type, label2).toBe('open_id');
            expect(m.text, label2).toContain(`截止 ${fmt(r.dueAt)}`);
          }
          if (want.length > 0) expectedMoments.push(step.at);
        }
      }
      expect(moments.map(fmt), label).toEqual(sorted([...new Set(expectedMoments)]).map(fmt));
    }
    // Every 1:1 reminder went to someone who had not answered that round at that moment.
    for (const m of reminders) {
      const r = reminderRound(m);
      const person = personByOpenId.get(m.receive_id!)!;
      expect(answeredBy(r.id, person.id, Number(m.create_time)), `${fmt(Number(m.create_time))} → ${m.receive_id}`).toBe(false);
      expect(person.role).toBe(expectedFor(r).audience === 'teachers' ? 'teacher' : 'principal');
    }
    expect(cards.length).toBeGreaterThan(0);
    expect(reminders.length).toBeGreaterThan(0);
  });

  it('never reminds anyone more than twice a round; a nudge beyond the budget is refused with a toast saying so', () => {
    const { schoolByChat, personByOpenId, clicks } = year;
    const count = new Map<string, number>();
    const bump = (roundId: number, openId: string) => count.set(`${roundId} ${openId}`, (count.get(`${roundId} ${openId}`) ?? 0) + 1);
    for (const m of ofKind('reminder')) bump(reminderRound(m).id, m.receive_id!);
    const nudges = ofKind('nudge');
    for (const m of nudges) {
      const r = nudgeRound(m);
      const school = schoolByChat.get(m.chat_id)!;
      expect(m.chat_type).toBe('group');
      expect(m.receive_id_type).toBe('chat_id');
      // Only teachers of this school who still owed the answer when it arrived.
      for (const id of mentionedIds(m.text)) {
        const t = personByOpenId.get(id)!;
        expect(t.role).toBe('teacher');
        expect(t.schoolId).toBe(school.id);
        expect(answeredBy(r.id, t.id, Number(m.create_time)), `${fmt(Number(m.create_time))} @${id}`).toBe(false);
        bump(r.id, id);
      }
    }
    const over = [...count.entries()].filter(([, n]) => n > 2);
    expect(over).toEqual([]);
    // The budget was really reached, and refused.
    expect([...count.values()].filter((n) => n === 2).length).toBeGreaterThan(0);
    const refused = clicks.filter((c) => c.expect === 'budget');
    expect(refused.length).toBeGreaterThan(0);
    for (const c of refused) {
      const label = `${c.principal} at ${fmt(c.at)}`;
      expect(c.toast, label).toMatchObject({ type: 'error' });
      expect(c.toast?.content, label).toContain('上限');
      for (const name of c.exhausted) expect(c.toast?.content, label).toContain(name);
      expect(c.sent, label).toEqual([]);
    }
  });

  it('each nudge button press did what the budget and the once-a-day rule allow, and its message went in the window', () => {
    const { cal, schoolList, clicks } = year;
    expect(clicks.filter((c) => c.expect === 'success').length).toBeGreaterThan(10);
    expect(clicks.filter((c) => c.expect === 'already').length).toBeGreaterThan(0);
    const nudges = ofKind('nudge');
    for (const c of clicks) {
      const label = `${c.principal} at ${fmt(c.at)} (${c.expect})`;
      const school = schoolList.find((s) => s.id === c.schoolId)!;
      if (c.expect === 'success') {
        expect(c.toast, label).toMatchObject({ type: 'success' });
        // It went at once inside the window, else at the next window opening.
        const when = nextOpening(cal, c.at);
        const mine = nudges.filter((m) => m.chat_id === school.chatId && Number(m.create_time) === when && nudgeRound(m).id === c.roundId);
        expect(mine, label).toHaveLength(1);
        expect(mentionedIds(mine[0]!.text), label).toEqual(c.mentions);
        expect(c.sent, label).toHaveLength(when === c.at ? 1 : 0);
        if (c.exhausted.length) expect(c.toast?.content, label).toContain('上限');
      } else {
        expect(c.toast, label).toMatchObject({ type: 'error' });
        expect(c.sent, label).toEqual([]);
        if (c.expect === 'already') expect(c.toast?.content, label).toContain('今天');
      }
    }
    // No nudge that no press asked for.
    expect(nudges).toHaveLength(clicks.filter((c) => c.expect === 'success').length);
  });

  it('tells each bureau chat of a round’s lagging schools at most once', () => {
    const { messages } = year;
    const escalations = messages.filter((m) => m.text.startsWith('【落后提醒】'));
    for (const m of escalations) {
      expect(m.chat_id).toBe(BUREAU_CHAT);
      expect(kind(m)).toBe('escalation');
    }
    const perRound = new Map<string, number>();
    for (const m of escalations) {
      const r = reminderRoundOfEscalation(m);
      perRound.set(`${r.code} ${r.period} ${m.chat_id}`, (perRound.get(`${r.code} ${r.period} ${m.chat_id}`) ?? 0) + 1);
    }
    expect([...perRound.entries()].filter(([, n]) => n > 1)).toEqual([]);
    expect(escalations.length).toBeGreaterThan(0);
  });

  it('escalates every round still lagging at its escalation moment, once, at 09:00 of the Nth workday after the deadline', () => {
    const { schoolList, messages, roundRows } = year;
    const escalations = messages.filter((m) => m.text.startsWith('【落后提醒】'));
    const problems: string[] = [];
    for (const r of roundRows) {
      const e = expectedFor(r);
      if (e.escalateAt === undefined || e.escalateAt > at(LAST_DAY, '23:59')) continue;
      const lagging = schoolList.filter((s) =>
        e.audience === 'teachers' ? missingTeachersAt(r.id, s, e.escalateAt!).length > 0 : !answeredBy(r.id, s.principal.id, e.escalateAt!),
      );
      const mine = escalations.filter((m) => reminderRoundOfEscalation(m).id === r.id);
      const label = `${r.code} ${r.period} (due ${fmt(r.dueAt)}, escalation due ${fmt(e.escalateAt)}, ${lagging.length} schools lagging)`;
      if (lagging.length === 0) {
        if (mine.length !== 0) problems.push(`${label}: escalated although nobody lagged`);
        continue;
      }
      if (mine.length !== 1) {
        problems.push(`${label}: ${mine.length} escalation messages`);
        continue;
      }
      const m = mine[0]!;
      if (Number(m.create_time) !== e.escalateAt) problems.push(`${label}: sent at ${fmt(Number(m.create_time))}`);
      if (!m.text.includes(`共 ${lagging.length} 所`)) problems.push(`${label}: text does not count ${lagging.length} schools: ${m.text.split('\n')[0]}`);
      for (const s of lagging) if (!m.text.includes(s.name)) problems.push(`${label}: ${s.name} not listed`);
    }
    expect(problems).toEqual([]);
  });
});
