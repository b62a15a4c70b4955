import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSchoolPeriod } from '../../src/db/queries/calendar.js';
import { campaigns, outbox, people, responses, rounds, schools } from '../../src/db/schema/index.js';
import type { CampaignDefinition } from '../../src/model/campaign-definition.js';
import { listUpcomingEvents } from '../../src/domain/campaigns/upcoming-events.js';
import { loadSchoolCalendar } from '../../src/domain/calendar/load-school-calendar.js';
import type { SchoolCalendar } from '../../src/domain/calendar/school-calendar.js';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

/*
 * A whole school year, 2026-09-01 .. 2027-08-31, on a settable clock: every default campaign's
 * rounds open, remind, fall due and escalate while some teachers and principals answer and some
 * principals press the nudge button. Then every message the sandbox received is checked: when it
 * arrived, who got it, and that nobody was reminded more than the budget allows.
 *
 * The clock is stepped to every moment the schedule can act (computed here from the campaigns'
 * definitions and the calendar, plus whatever `listUpcomingEvents` lists), to 09:00 of every day
 * (escalations, and proof that weekends and holidays stay quiet), a minute before each opening,
 * half an hour after each deadline, at the midday rest of each opening day, and to each time a
 * queued message becomes due.
 */

const TZ = 'Asia/Shanghai'; // UTC+8 all year, no daylight saving
const FIRST_DAY = '2026-09-01';
const LAST_DAY = '2027-08-31';
const BUREAU_CHAT = 'oc_demo_bureau';
const TERMS = [
  { name: '2026-autumn', start: '2026-09-01', end: '2027-01-22' },
  { name: '2027-spring', start: '2027-03-01', end: '2027-07-09' },
];
const VACATIONS = [
  { name: '寒假', start: '2027-01-23', end: '2027-02-28' },
  { name: '暑假', start: '2027-07-10', end: '2027-08-31' },
];

// ---- local time (Asia/Shanghai is a fixed UTC+8) ----
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (date: string, time: string) => Date.parse(`${date}T${time}:00+08:00`);
const localIso = (ms: number) => new Date(ms + 8 * HOUR).toISOString();
const dateOf = (ms: number) => localIso(ms).slice(0, 10);
const timeOf = (ms: number) => localIso(ms).slice(11, 16);
const fmt = (ms: number) => `${dateOf(ms)} ${timeOf(ms)}`;
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const pad = (n: number) => String(n).padStart(2, '0');
function addMonths(ym: string, k: number): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + k;
  return `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`;
}

// ---- card and text readers ----
type Node = Record<string, unknown>;
function findNodes(node: unknown, match: (n: Node) => boolean, out: Node[] = []): Node[] {
  if (Array.isArray(node)) for (const child of node) findNodes(child, match, out);
  else if (node && typeof node === 'object') {
    const record = node as Node;
    if (match(record)) out.push(record);
    for (const value of Object.values(record)) findNodes(value, match, out);
  }
  return out;
}
type CallbackValue = { action?: string; round_id?: number; school_id?: number };
/** The callback value of a card's one button (`behaviors[0].value`), as Lark sends it back on a click. */
function callbackValue(m: SandboxMessage): CallbackValue | undefined {
  if (m.msg_type !== 'interactive') return undefined;
  const found = findNodes(m.content, (n) => n.type === 'callback' && 'value' in n);
  return found.length === 1 ? (found[0]!.value as CallbackValue) : undefined;
}
const mentionedIds = (text: string) => [...text.matchAll(/<at user_id="([^"]+)">/g)].map((x) => x[1]!).sort();
/** The names a principal's reminder card lists as missing (the line under "…未填报："). */
function namesOnCard(card: SandboxMessage): string[] {
  const m = /未填报[：:]\s*\n([^\n]*)/.exec(card.text);
  if (!m) throw new Error(`no list of names in: ${card.text}`);
  return m[1]!.split('、').map((s) => s.trim()).filter(Boolean).sort();
}
const isRespondentReminder = (m: SandboxMessage) => m.msg_type === 'text' && m.chat_type === 'p2p' && m.text.includes('还没有收到您的填报');
const sorted = <T>(xs: T[]) => [...xs].sort();

// ---- what the test expects, computed from the definitions and the calendar ----
type Expected = {
  code: string;
  title: string;
  audience: 'teachers' | 'principals';
  period: string;
  nominalOpen: number;
  nominalDue: number;
  opensAt: number;
  dueAt: number;
  steps: { step: string; to: string; at: number }[];
  escalateAt: number | undefined;
};

/** The sending window, written out here rather than taken from the calendar: 08:00–12:00 and 14:30–18:00 on workdays. */
function inWindow(cal: SchoolCalendar, ms: number): boolean {
  const t = timeOf(ms);
  return cal.isWorkday(dateOf(ms)) && ((t >= '08:00' && t < '12:00') || (t >= '14:30' && t < '18:00'));
}
function nextOpening(cal: SchoolCalendar, ms: number): number {
  if (inWindow(cal, ms)) return ms;
  let d = dateOf(ms);
  const t = timeOf(ms);
  if (cal.isWorkday(d) && t < '08:00') return at(d, '08:00');
  if (cal.isWorkday(d) && t >= '12:00' && t < '14:30') return at(d, '14:30');
  do d = addDays(d, 1);
  while (!cal.isWorkday(d));
  return at(d, '08:00');
}
function nextWorkday(cal: SchoolCalendar, date: string): string {
  let d = addDays(date, 1);
  while (!cal.isWorkday(d)) d = addDays(d, 1);
  return d;
}

function expectedRounds(code: string, title: string, audience: 'teachers' | 'principals', def: CampaignDefinition, cal: SchoolCalendar): Expected[] {
  const nominal: { period: string; open: number; due: number }[] = [];
  const dayAt = (ym: string, day: number, time: string) => at(`${ym}-${pad(day)}`, time);
  if (def.cadence === 'monthly') {
    for (let ym = '2026-07'; ym <= '2027-09'; ym = addMonths(ym, 1)) {
      nominal.push({ period: ym, open: dayAt(ym, def.opens.day, def.opens.time), due: dayAt(ym, def.due.day, def.due.time) });
    }
  } else if (def.cadence === 'half-year' || def.cadence === 'annual' || def.cadence === 'quarterly') {
    const length = { quarterly: 3, 'half-year': 6, annual: 12 }[def.cadence];
    for (let start = '2026-01'; start <= '2027-12'; start = addMonths(start, length)) {
      const [y, m] = start.split('-').map(Number) as [number, number];
      const period = def.cadence === 'annual' ? String(y) : def.cadence === 'half-year' ? `${y}-H${m === 1 ? 1 : 2}` : `${y}-Q${(m + 2) / 3}`;
      nominal.push({
        period,
        open: dayAt(addMonths(start, def.opens.month - 1), def.opens.day, def.opens.time),
        due: dayAt(addMonths(start, def.due.month - 1), def.due.day, def.due.time),
      });
    }
  } else if (def.cadence === 'semester') {
    for (const term of TERMS) {
      if (def.pausesInVacation && cal.isInVacation(addDays(term.start, 7 * def.opens.weeksAfterStart))) continue;
      nominal.push({
        period: term.name,
        open: at(addDays(term.start, 7 * def.opens.weeksAfterStart), def.opens.time),
        due: at(addDays(term.start, 7 * def.due.weeksAfterStart), def.due.time),
      });
    }
  } else {
    throw new Error(`a default campaign with cadence ${def.cadence} is not covered by this test`);
  }
  const out: Expected[] = [];
  for (const n of nominal) {
    if (def.pausesInVacation && cal.isInVacation(dateOf(n.open))) continue;
    const opensAt = nextOpening(cal, n.open);
    // A deadline on a rest day moves to the next workday, same time.
    const dueAt = cal.isWorkday(dateOf(n.due)) ? n.due : at(nextWorkday(cal, dateOf(n.due)), timeOf(n.due));
    // The walk ticks at every opening inside the year; a round whose deadline passed first never opens.
    if (opensAt < at(FIRST_DAY, '00:00') || opensAt > at(LAST_DAY, '23:59') || opensAt >= dueAt) continue;
    const steps = def.reminders
      .filter((s) => s.daysBefore >= 0)
      .map((s) => {
        const wanted = at(addDays(dateOf(dueAt), -s.daysBefore), s.time);
        if (inWindow(cal, wanted)) return { step: s.step, to: s.to, at: wanted };
        // Outside the window: back to 09:00 of the latest workday before it (and before the deadline).
        const limit = Math.min(wanted, dueAt - 1);
        let d = dateOf(limit);
        while (!cal.isWorkday(d) || at(d, '09:00') > limit) d = addDays(d, -1);
        return { step: s.step, to: s.to, at: at(d, '09:00') };
      });
    let escalateAt: number | undefined;
    if (def.escalation) {
      let d = dateOf(dueAt);
      for (let k = 0; k < def.escalation.afterWorkdaysOverdue; ) {
        d = addDays(d, 1);
        if (cal.isWorkday(d)) k++;
      }
      escalateAt = at(d, '09:00');
    }
    out.push({ code, title, audience, period: n.period, nominalOpen: n.open, nominalDue: n.due, opensAt, dueAt, steps, escalateAt });
  }
  return out;
}

// ---- the roster as stored ----
type Person = { id: number; openId: string; name: string; role: string; schoolId: number | null; active: boolean };
type School = { id: number; chatId: string; name: string; no: number; principal: Person; teachers: Person[] };

// A minute-by-minute walk of a year (a minute of CI per driver); its logic is the same on both
// databases, so it walks on Postgres only. The calendar and ladders run on PGlite elsewhere.
describe.runIf(process.env.DATABASE_URL)('a simulated school year: every default campaign’s ladder, on the calendar, within the budget', () => {
  let ducha: TestDucha;
  let cal: SchoolCalendar;
  let expected: Expected[] = [];
  let schoolList: School[] = [];
  const schoolByChat = new Map<string, School>();
  const personByOpenId = new Map<string, Person>();

  // Filled by the walk.
  let ticks = 0;
  let runtimeMs = 0;
  let messages: SandboxMessage[] = [];
  let kindOf = new Map<string, { kind: string; notBefore: number }>();
  let roundRows: { id: number; code: string; period: string; opensAt: number; dueAt: number; openedAt: number }[] = [];
  let answerRows: { roundId: number; personId: number; submittedAt: number }[] = [];

  type Click = {
    at: number;
    principal: string;
    roundId: number;
    schoolId: number;
    expect: 'success' | 'budget' | 'already' | 'everyone' | 'round-over';
    mentions: string[];
    exhausted: string[];
    toast: { type?: string; content?: string } | undefined;
    sent: SandboxMessage[];
  };
  const clicks: Click[] = [];
  const principalAnswers: { at: number; principal: string; roundId: number; toast: unknown }[] = [];
  const teacherAnswers: { at: number; teacher: string; reply: string | undefined }[] = [];
  /** The nudge model: per round and teacher, how many times a nudge named them; which days a school was nudged. */
  const nudgedTimes = new Map<string, number>();
  const nudgedOn = new Set<string>();

  beforeAll(async () => {
    const started = performance.now();
    // The year compresses ~2,000 messages into about a minute of real time, above Lark's 1000/min
    // app limit; pacing is what the rate-limit tests are about. Here the sender may go fast.
    ducha = await startTestDucha({
      now: '2026-08-31T12:00:00+08:00',
      roster: 'demo',
      sendLimits: { appPerSecond: 1000, appPerMinute: 1_000_000, targetPerSecond: 1000 },
    });
    for (const t of TERMS) await addSchoolPeriod(ducha.db, { kind: 'term', name: t.name, startsOn: t.start, endsOn: t.end });
    for (const v of VACATIONS) await addSchoolPeriod(ducha.db, { kind: 'vacation', name: v.name, startsOn: v.start, endsOn: v.end });
    cal = (await loadSchoolCalendar(ducha.db, TZ)).calendar;

    const allPeople = (await ducha.db.select().from(people).orderBy(asc(people.id))) as Person[];
    for (const p of allPeople) personByOpenId.set(p.openId, p);
    for (const s of await ducha.db.select().from(schools).orderBy(asc(schools.id))) {
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
    for (const c of campaignRows.filter((c) => c.active)) {
      expected.push(...expectedRounds(c.code, c.title, c.audience as 'teachers' | 'principals', c.definition, cal));
    }
    const fieldOf = new Map(campaignRows.map((c) => [c.code, c.definition.form.fields[0]!.name]));

    // ---- the schedule of the walk: ticks and people's actions, by instant ----
    const tickAt = new Set<number>();
    /**
     * People's actions at an instant: answers are posted one after the other and the server then
     * settles once (`post` returns what to check afterwards); nudge presses run one by one, since
     * each depends on what the one before did.
     */
    type Action = { post: () => Promise<() => void> } | { run: () => Promise<void> };
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
    const roundInfo = new Map<number, { code: string; period: string; title: string }>();
    const roundOf = async (id: number) => {
      if (!roundInfo.has(id)) {
        const rows = await ducha.db.select({ id: rounds.id, period: rounds.period, campaignId: rounds.campaignId }).from(rounds);
        for (const r of rows) {
          const c = campaignRows.find((c) => c.id === r.campaignId)!;
          roundInfo.set(r.id, { code: c.code, period: r.period, title: c.title });
        }
      }
      return roundInfo.get(id)!;
    };
    const promptOf = new Map<string, SandboxMessage>(); // `${roundId}:${openId}` → the principal's prompt card
    const principalPlanned = new Set<string>();
    const cardsSeen = new Map<string, number>(); // `${roundId}:${principal}` → how many reminder cards so far
    const monthIndex = (period: string) => {
      const [y, m] = period.split('-').map(Number) as [number, number];
      return (y - 2026) * 12 + m - 9; // 2026-09 → 0
    };

    const isCurrent = async (roundId: number, now: number) => {
      const all = await ducha.db.select({ id: rounds.id, campaignId: rounds.campaignId, opensAt: rounds.opensAt }).from(rounds);
      const mine = all.find((r) => r.id === roundId)!;
      const latest = all
        .filter((r) => r.campaignId === mine.campaignId && r.opensAt.getTime() <= now)
        .sort((a, b) => b.opensAt.getTime() - a.opensAt.getTime())[0];
      return latest?.id === roundId;
    };
    const answeredIds = async (roundId: number) => {
      const rows = await ducha.db.select({ personId: responses.personId }).from(responses).where(eq(responses.roundId, roundId));
      return new Set(rows.map((r) => r.personId));
    };

    const teacherAnswers_ = (school: School, teacher: Person, ms: number) =>
      addAction(ms, {
        post: async () => {
          const text = `走访${(teacher.id % 3) + 1}户 电话1户`;
          const said = await ducha.post('/sandbox/say', { open_id: teacher.openId, chat_id: school.chatId, text, wait_ms: 0 });
          return () => {
            const reply = ducha.botMessages().find((m) => m.parent_id === said.body.message_id);
            teacherAnswers.push({ at: ms, teacher: teacher.openId, reply: reply?.text });
          };
        },
      });

    const principalAnswers_ = (openId: string, roundId: number, ms: number) => {
      const key = `${roundId}:${openId}`;
      if (principalPlanned.has(key)) return;
      principalPlanned.add(key);
      addAction(ms, {
        post: async () => {
          if (!(await isCurrent(roundId, ms))) return () => {};
          const prompt = promptOf.get(key)!;
          const code = (await roundOf(roundId)).code;
          const clicked = await ducha.post('/sandbox/click', {
            open_id: openId,
            message_id: prompt.message_id,
            value: callbackValue(prompt)!,
            form_value: { [fieldOf.get(code)!]: '按计划推进控辍保学与家访工作' },
            wait_ms: 0,
          });
          return () => principalAnswers.push({ at: ms, principal: openId, roundId, toast: clicked.body.delivered?.body?.toast });
        },
      });
    };

    const nudge = (card: SandboxMessage, ms: number) =>
      addAction(ms, {
        run: async () => {
          const value = callbackValue(card)!;
          const roundId = Number(value.round_id);
          const school = schoolList.find((s) => s.id === Number(value.school_id))!;
          // What the budget allows, from the answers stored so far and the nudges this test saw succeed.
          const answered = await answeredIds(roundId);
          const missing = school.teachers.filter((t) => !answered.has(t.id));
          const times = (t: Person) => nudgedTimes.get(`${roundId}:${t.openId}`) ?? 0;
          const allowed = missing.filter((t) => times(t) < 2);
          const exhausted = missing.filter((t) => times(t) >= 2);
          const dayKey = `${roundId}:${school.id}:${dateOf(ms)}`;
          const expectation: Click['expect'] = !(await isCurrent(roundId, ms))
            ? 'round-over'
            : missing.length === 0
              ? 'everyone'
              : allowed.length === 0
                ? 'budget'
                : nudgedOn.has(dayKey)
                  ? 'already'
                  : 'success';
          const clicked = await ducha.click(card.receive_id!, card.message_id, { value });
          if (expectation === 'success') {
            nudgedOn.add(dayKey);
            for (const t of allowed) nudgedTimes.set(`${roundId}:${t.openId}`, times(t) + 1);
          }
          clicks.push({
            at: ms,
            principal: card.receive_id!,
            roundId,
            schoolId: school.id,
            expect: expectation,
            mentions: sorted(allowed.map((t) => t.openId)),
            exhausted: exhausted.map((t) => t.name),
            toast: clicked.delivered?.body?.toast,
            sent: clicked.sent,
          });
        },
      });

    let seen = 0;
    const observe = async () => {
      const all = ducha.botMessages();
      for (; seen < all.length; seen++) {
        const m = all[seen]!;
        const ms = Number(m.create_time);
        const value = callbackValue(m);
        if (value?.action === 'respond' && m.chat_type === 'group') {
          // A school's prompt: in some months a whole school answers on the 10th, in half the
          // others its even-numbered teachers do (in the evening in odd months); the rest wait
          // for the reminders.
          const school = schoolByChat.get(m.chat_id)!;
          const { period } = await roundOf(Number(value.round_id));
          const month = monthIndex(period);
          const tenth = `${period}-10`;
          school.teachers.forEach((t, i) => {
            const answers = (school.no + month) % 7 === 0 || ((school.no + month) % 2 === 0 && i % 2 === 0);
            if (answers) teacherAnswers_(school, t, at(tenth, month % 2 ? '20:00' : '10:00'));
          });
        } else if (value?.action === 'respond' && m.chat_type === 'p2p') {
          // A principal's own campaign: a third answer the next day, a third after their first reminder, a third never.
          promptOf.set(`${value.round_id}:${m.receive_id}`, m);
          const no = Number(m.receive_id!.slice(-2));
          if ((no + Number(value.round_id)) % 3 === 0) {
            principalAnswers_(m.receive_id!, Number(value.round_id), at(addDays(dateOf(ms), 1), '10:00'));
          }
        } else if (isRespondentReminder(m)) {
          const p = personByOpenId.get(m.receive_id!)!;
          if (p.role !== 'principal') continue;
          for (const key of promptOf.keys()) {
            const roundId = Number(key.split(':')[0]);
            const info = await roundOf(roundId);
            if (key !== `${roundId}:${p.openId}` || !m.text.includes(`${info.period}「${info.title}」`)) continue;
            if ((Number(p.openId.slice(-2)) + roundId) % 3 === 1) principalAnswers_(p.openId, roundId, at(addDays(dateOf(ms), 1), '10:00'));
          }
        } else if (value?.action === 'nudge') {
          // A principal's reminder card: schools 4, 8, … press the button on three days (in even
          // months twice on the first), 1, 5, … at the midday rest and on the due day, 2, 6, … on
          // the due day, 3, 7, … never. One or two teachers answer the day after the first card.
          const key = `${value.round_id}:${m.receive_id}`;
          const k = (cardsSeen.get(key) ?? 0) + 1;
          cardsSeen.set(key, k);
          const school = schoolList.find((s) => s.id === Number(value.school_id))!;
          const d = dateOf(ms);
          const again = monthIndex(d.slice(0, 7)) % 2 === 0 ? [`${d} 15:00`] : [];
          const plan: Record<number, string[][]> = {
            0: [[`${d} 10:00`, ...again, `${nextWorkday(cal, d)} 10:00`], [`${d} 10:00`]],
            1: [[`${d} 12:30`], [`${d} 10:00`]],
            2: [[], [`${d} 10:00`]],
            3: [[], []],
          };
          for (const when of plan[school.no % 4]![k - 1] ?? []) {
            const [date, time] = when.split(' ') as [string, string];
            nudge(m, at(date, time));
          }
          if (k === 1) {
            const answered = await answeredIds(Number(value.round_id));
            school.teachers.forEach((t, i) => {
              if (i % 2 === 1 && i % 3 === 1 && !answered.has(t.id)) teacherAnswers_(school, t, at(addDays(d, 1), '11:00'));
            });
          }
        }
      }
    };
    /** A message queued for later (a nudge pressed at the midday rest) needs a tick when it becomes due. */
    const tickWhenQueuedBecomeDue = async (now: number) => {
      const pending = await ducha.db.select({ status: outbox.status, notBefore: outbox.notBefore }).from(outbox);
      for (const p of pending) if (p.status === 'pending' && p.notBefore.getTime() > now) addTick(p.notBefore.getTime());
    };

    // ---- the walk ----
    const walkStarted = performance.now();
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
    runtimeMs = performance.now() - walkStarted;

    messages = ducha.botMessages();
    kindOf = new Map(
      (await ducha.db.select({ key: outbox.key, kind: outbox.kind, notBefore: outbox.notBefore }).from(outbox)).map((r) => [
        r.key,
        { kind: r.kind, notBefore: r.notBefore.getTime() },
      ]),
    );
    roundRows = (await ducha.db.select().from(rounds)).map((r) => ({
      id: r.id,
      code: campaignRows.find((c) => c.id === r.campaignId)!.code,
      period: r.period,
      opensAt: r.opensAt.getTime(),
      dueAt: r.dueAt.getTime(),
      openedAt: r.openedAt.getTime(),
    }));
    answerRows = (await ducha.db.select().from(responses)).map((r) => ({ roundId: r.roundId, personId: r.personId, submittedAt: r.submittedAt.getTime() }));
    console.log(
      `simulated year: ${ticks} ticks, ${messages.length} bot messages, ${teacherAnswers.length} teacher answers, ` +
        `${principalAnswers.length} principal answers, ${clicks.length} nudge clicks; walk ${(runtimeMs / 1000).toFixed(1)} s, ` +
        `with setup ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 600_000);
  afterAll(() => ducha?.close());

  // ---- helpers over what the walk recorded ----
  const kind = (m: SandboxMessage) => kindOf.get(m.uuid ?? '')?.kind;
  const roundById = (id: number) => roundRows.find((r) => r.id === id)!;
  const expectedFor = (r: { code: string; period: string }) => expected.find((e) => e.code === r.code && e.period === r.period)!;
  const roundByTitlePeriod = (title: string, period: string) => {
    const e = expected.find((x) => x.title === title && x.period === period);
    return e && roundRows.find((r) => r.code === e.code && r.period === period);
  };
  /** Did the person answer the round by this moment? */
  const answeredBy = (roundId: number, personId: number, ms: number) =>
    answerRows.some((a) => a.roundId === roundId && a.personId === personId && a.submittedAt <= ms);
  const missingTeachersAt = (roundId: number, school: School, ms: number) => school.teachers.filter((t) => !answeredBy(roundId, t.id, ms));
  /** Messages the bot started: not a reply to someone's message, not the receipt of a card click. */
  const started = () => messages.filter((m) => m.parent_id === null && kind(m) !== 'receipt');
  const ofKind = (k: string) => messages.filter((m) => kind(m) === k);
  /** The round a nudge is about: it names the campaign and the (shifted) deadline. */
  const nudgeRound = (m: SandboxMessage) => {
    const candidates = roundRows.filter((r) => {
      const e = expectedFor(r);
      return e.audience === 'teachers' && m.text.includes(`「${e.title}」`) && m.text.includes(fmt(r.dueAt));
    });
    expect(candidates, m.text).toHaveLength(1);
    return candidates[0]!;
  };
  const reminderRound = (m: SandboxMessage) => {
    const candidates = roundRows.filter((r) => m.text.includes(`${r.period}「${expectedFor(r).title}」`));
    expect(candidates, m.text).toHaveLength(1);
    return candidates[0]!;
  };

  it('walked the whole year, and every message the sandbox received came from the outbox', () => {
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
    const periods = (code: string) => sorted(roundRows.filter((r) => r.code === code).map((r) => r.period));
    const months = Array.from({ length: 12 }, (_, i) => addMonths('2026-09', i));
    expect(periods('monthly-monitoring')).toEqual(months);
    expect(periods('principal-monthly-plan')).toEqual(months);
    expect(periods('half-year-summary')).toEqual(['2026-H2', '2027-H1']);
    expect(periods('annual-report')).toEqual(['2026']);
    expect(periods('semester-plan')).toEqual(['2026-autumn', '2027-spring']);
    expect(roundRows).toHaveLength(29);
    const byKey = (xs: { code: string; period: string }[]) => sorted(xs.map((x) => `${x.code} ${x.period}`));
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
      const prompts = ofKind('prompt').filter((m) => callbackValue(m)?.round_id === r.id);
      expect(prompts).toHaveLength(16);
      for (const m of prompts) expect(fmt(Number(m.create_time))).toBe('2026-10-08 08:00');
    }
    // 2027-08-01 is a Sunday: August opens Monday 2027-08-02 at 08:00.
    expect(fmt(roundRows.find((x) => x.code === 'monthly-monitoring' && x.period === '2027-08')!.opensAt)).toBe('2027-08-02 08:00');
  });

  it('moves deadlines that fall on a rest day to the next workday, and the due-day reminders with them', () => {
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
    const cards = ofKind('principal-reminder').filter((m) => callbackValue(m)?.round_id === october.id);
    expect(sorted([...new Set(cards.map((m) => fmt(Number(m.create_time))))])).toEqual(['2026-10-23 09:00', '2026-10-26 09:00']);
    expect(started().filter((m) => dateOf(Number(m.create_time)) === '2026-10-25')).toEqual([]);
    // And 2026-09-25 (中秋) moves September's check-in to Monday 09-28; its 3-days-before card moves back to Thursday 09-24.
    const september = roundRows.find((r) => r.code === 'monthly-monitoring' && r.period === '2026-09')!;
    expect(fmt(september.dueAt)).toBe('2026-09-28 18:00');
    const septemberCards = ofKind('principal-reminder').filter((m) => callbackValue(m)?.round_id === september.id);
    expect(sorted([...new Set(septemberCards.map((m) => fmt(Number(m.create_time))))])).toEqual(['2026-09-24 09:00', '2026-09-28 09:00']);
  });

  it('sends each round’s prompt once per school chat (teachers) or once 1:1 per principal, at its opening', () => {
    const prompts = ofKind('prompt');
    const principals = schoolList.map((s) => s.principal.openId);
    for (const r of roundRows) {
      const e = expectedFor(r);
      const label = `${r.code} ${r.period}`;
      const mine = prompts.filter((m) => callbackValue(m)?.round_id === r.id);
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
    expect(prompts.filter((m) => !roundRows.some((r) => r.id === callbackValue(m)?.round_id))).toEqual([]);
    expect(prompts).toHaveLength(roundRows.length * 16);
  });

  it('sends each reminder step at its moment, only to people who owe the round, naming exactly who is missing', () => {
    const cards = ofKind('principal-reminder');
    const reminders = ofKind('reminder');
    for (const r of roundRows) {
      const e = expectedFor(r);
      const label = `${r.code} ${r.period}`;
      const mine = e.audience === 'teachers' ? cards.filter((m) => callbackValue(m)?.round_id === r.id) : reminders.filter((m) => reminderRound(m).id === r.id);
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
            expect(callbackValue(m), label2).toMatchObject({ action: 'nudge', round_id: r.id, school_id: school.id });
            expect(namesOnCard(m), `${label2} → ${m.receive_id}`).toEqual(sorted(missingTeachersAt(r.id, school, step.at).map((t) => t.name)));
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

  /** The round an escalation is about: 【落后提醒】{period}「{title}」. */
  function reminderRoundOfEscalation(m: SandboxMessage) {
    const found = /^【落后提醒】(\S+)「(.+?)」/.exec(m.text);
    expect(found, m.text).not.toBeNull();
    const r = roundByTitlePeriod(found![2]!, found![1]!);
    expect(r, m.text).toBeDefined();
    return r!;
  }
});
