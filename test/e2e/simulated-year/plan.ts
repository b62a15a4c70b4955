import { asc } from 'drizzle-orm';
import { addSchoolPeriod } from '../../../src/db/queries/calendar.js';
import { campaigns, outbox, people, responses, rounds, schools } from '../../../src/db/schema/index.js';
import { listUpcomingEvents } from '../../../src/domain/campaigns/upcoming-events.js';
import { loadSchoolCalendar } from '../../../src/domain/calendar/load-school-calendar.js';
import type { SchoolCalendar } from '../../../src/domain/calendar/school-calendar.js';
import type { SandboxMessage } from '../../../src/lark/sandbox/sandbox-state.js';
import { startTestDucha } from '../../helpers/test-ducha.js';
import { addDays, at, dateOf, expectedRounds, FIRST_DAY, LAST_DAY, MINUTE, TERMS, TZ, VACATIONS, type Expected } from './calendar.js';
import { createPeople, type Action, type Click, type Person, type PrincipalAnswer, type School, type TeacherAnswer } from './people.js';

/**
 * The plan of the simulated school year and its walk: the server on a settable clock, with the
 * demo county and the year's terms and vacations, is driven through 2026-09-01 .. 2027-08-31 while
 * some teachers and principals answer and some principals press the nudge button. What happened is
 * returned for simulated-year.test.ts to check; nothing here asserts.
 *
 * The clock is stepped to every moment the schedule can act (computed from the campaigns'
 * definitions and the calendar, plus whatever `listUpcomingEvents` lists), to 09:00 of every day
 * (escalations, and proof that weekends and holidays stay quiet), a minute before each opening,
 * half an hour after each deadline, at the midday rest of each opening day, and to each time a
 * queued message becomes due.
 */

// ---- what the walk records ----
export type RoundRow = { id: number; code: string; period: string; opensAt: number; dueAt: number; openedAt: number };
export type AnswerRow = { roundId: number; personId: number; submittedAt: number };

/** The year as it went: the calendar and roster it ran on, what it should bring, and everything that happened. Read only. */
export type SimulatedYear = {
  readonly cal: SchoolCalendar;
  readonly expected: readonly Expected[];
  readonly schoolList: readonly School[];
  readonly schoolByChat: ReadonlyMap<string, School>;
  readonly personByOpenId: ReadonlyMap<string, Person>;
  /** How many times the clock was stepped and the scheduler ticked. */
  readonly ticks: number;
  /** Every message the bot sent, as the sandbox received it. */
  readonly messages: readonly SandboxMessage[];
  /** The outbox row of each sent message (by its uuid, the row's key): its kind and when it was due. */
  readonly kindOf: ReadonlyMap<string, { kind: string; notBefore: number }>;
  readonly roundRows: readonly RoundRow[];
  readonly answerRows: readonly AnswerRow[];
  readonly clicks: readonly Click[];
  readonly principalAnswers: readonly PrincipalAnswer[];
  readonly teacherAnswers: readonly TeacherAnswer[];
};

/** Runs the year on a fresh server and database (on DATABASE_URL's Postgres: see the test), and returns what happened. */
export async function runSimulatedYear(): Promise<SimulatedYear> {
  const started = performance.now();
  // The year compresses ~2,000 messages into about a minute of real time, above Lark's 1000/min
  // app limit; pacing is what the rate-limit tests are about. Here the sender may go fast.
  const ducha = await startTestDucha({
    now: '2026-08-31T12:00:00+08:00',
    roster: 'demo',
    sendLimits: { appPerSecond: 1000, appPerMinute: 1_000_000, targetPerSecond: 1000 },
  });
  try {
    for (const t of TERMS) await addSchoolPeriod(ducha.db, { kind: 'term', name: t.name, startsOn: t.start, endsOn: t.end });
    for (const v of VACATIONS) await addSchoolPeriod(ducha.db, { kind: 'vacation', name: v.name, startsOn: v.start, endsOn: v.end });
    const cal = (await loadSchoolCalendar(ducha.db, TZ)).calendar;

    const personByOpenId = new Map<string, Person>();
    const schoolList: School[] = [];
    const schoolByChat = new Map<string, School>();

    const allPeople = (await ducha.db.select().from(people).orderBy(asc(people.id))) as Person[];
    for (const p of allPeople) personByOpenId.set(p.openId, p);
    for (const s of await ducha.db.select().from(schools).orderBy(asc(schools.id))) {
      // The demo roster names every school's chat.
      if (!s.chatId) throw new Error(`school ${s.name} has no chat`);
      const staff = allPeople.filter((p) => p.schoolId === s.id && p.active);
      const school: School = {
        id: s.id,
        chatId: s.chatId,
        name: s.name,
        no: Number(s.chatId.slice(-2)),
        principal: staff.find((p) => p.role === 'principal')!,
        teachers: staff.filter((p) => p.role === 'teacher'),
      };
      schoolList.push(school);
      schoolByChat.set(s.chatId, school);
    }
    const campaignRows = await ducha.db.select().from(campaigns);
    const expected: Expected[] = [];
    for (const c of campaignRows.filter((c) => c.active)) {
      expected.push(...expectedRounds(c.code, c.title, c.audience as 'teachers' | 'principals', c.definition, cal));
    }

    // ---- the schedule of the walk: ticks and people's actions, by instant ----
    const tickAt = new Set<number>();
    const actionsAt = new Map<number, Action[]>();
    const end = at(LAST_DAY, '23:59');
    const addTick = (ms: number) => {
      if (ms >= at(FIRST_DAY, '00:00') && ms <= end) tickAt.add(ms);
    };
    const addAction = (ms: number, action: Action) => {
      if (ms > end) return;
      actionsAt.set(ms, [...(actionsAt.get(ms) ?? []), action]);
    };
    // 09:00 every day: reminders and escalations happen then, and weekends and holidays must stay quiet.
    for (let d = FIRST_DAY; d <= LAST_DAY; d = addDays(d, 1)) addTick(at(d, '09:00'));
    for (const e of expected) {
      addTick(e.opensAt - MINUTE); // nothing opens early (the assertions pin every other moment exactly)
      addTick(e.opensAt);
      for (const step of e.steps) addTick(step.at);
      addTick(at(dateOf(e.opensAt), '12:30')); // the midday rest
      addTick(e.dueAt + 30 * MINUTE); // nothing after the deadline
    }
    const addUpcoming = async (now: number) => {
      for (const ev of await listUpcomingEvents(ducha.db, new Date(now), TZ)) addTick(ev.at.getTime());
    };
    await addUpcoming(at(FIRST_DAY, '00:00'));

    // ---- what people do when something arrives ----
    const { observe, clicks, principalAnswers, teacherAnswers } = createPeople({ ducha, cal, campaignRows, schoolList, schoolByChat, personByOpenId, addAction });

    /** A message queued for later (a nudge pressed at the midday rest) needs a tick when it becomes due. */
    const tickWhenQueuedBecomeDue = async (now: number) => {
      const pending = await ducha.db.select({ status: outbox.status, notBefore: outbox.notBefore }).from(outbox);
      for (const p of pending) if (p.status === 'pending' && p.notBefore.getTime() > now) addTick(p.notBefore.getTime());
    };

    // ---- the walk ----
    const walkStarted = performance.now();
    let ticks = 0;
    for (let now = -Infinity; ; ) {
      const next = Math.min(...[...tickAt, ...actionsAt.keys()].filter((ms) => ms > now));
      if (!Number.isFinite(next)) break;
      now = next;
      if (tickAt.has(now)) {
        const report = await ducha.tick(new Date(now).toISOString());
        ticks++;
        if (report.rounds.opened.length > 0) await addUpcoming(now);
        await observe();
      }
      const actions = actionsAt.get(now) ?? [];
      if (actions.length > 0) {
        ducha.setTime(new Date(now).toISOString());
        const checks: (() => void)[] = [];
        checks.push(...(await Promise.all(actions.flatMap((a) => ('post' in a ? [a.post()] : [])))));
        await ducha.settle();
        for (const check of checks) check();
        await observe();
        for (const a of actions) {
          if (!('run' in a)) continue;
          await a.run();
          await observe();
        }
        await tickWhenQueuedBecomeDue(now);
      }
    }
    const runtimeMs = performance.now() - walkStarted;

    const messages = ducha.botMessages();
    const kindOf = new Map(
      (await ducha.db.select({ key: outbox.key, kind: outbox.kind, notBefore: outbox.notBefore }).from(outbox)).map((r) => [
        r.key,
        { kind: r.kind, notBefore: r.notBefore.getTime() },
      ]),
    );
    const roundRows: RoundRow[] = (await ducha.db.select().from(rounds)).map((r) => ({
      id: r.id,
      code: campaignRows.find((c) => c.id === r.campaignId)!.code,
      period: r.period,
      opensAt: r.opensAt.getTime(),
      dueAt: r.dueAt.getTime(),
      openedAt: r.openedAt.getTime(),
    }));
    const answerRows: AnswerRow[] = (await ducha.db.select().from(responses)).map((r) => ({ roundId: r.roundId, personId: r.personId, submittedAt: r.submittedAt.getTime() }));
    console.log(
      `simulated year: ${ticks} ticks, ${messages.length} bot messages, ${teacherAnswers.length} teacher answers, ` +
        `${principalAnswers.length} principal answers, ${clicks.length} nudge clicks; walk ${(runtimeMs / 1000).toFixed(1)} s, ` +
        `with setup ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return {
      cal,
      expected,
      schoolList,
      schoolByChat,
      personByOpenId,
      ticks,
      messages,
      kindOf,
      roundRows,
      answerRows,
      clicks,
      principalAnswers,
      teacherAnswers,
    };
  } finally {
    await ducha.close();
  }
}
