import { eq } from 'drizzle-orm';
import { campaigns, responses, rounds } from '../../../src/db/schema/index.js';
import type { SchoolCalendar } from '../../../src/domain/calendar/school-calendar.js';
import type { SandboxMessage } from '../../../src/lark/sandbox/sandbox-state.js';
import { callbackValueIfOne } from '../../helpers/card-tree.js';
import type { TestDucha } from '../../helpers/test-ducha.js';
import { addDays, at, dateOf, nextWorkday } from './calendar.js';

/**
 * The demo county's people through the simulated year, as its plan has them behave: when a prompt,
 * a reminder or a reminder card arrives, some teachers and principals answer (at once or later) and
 * some principals press the nudge button. They act through the server's sandbox, like Lark users.
 */

// ---- the roster as stored ----
export type Person = { id: number; openId: string; name: string; role: string; schoolId: number | null; active: boolean };
export type School = { id: number; chatId: string; name: string; no: number; principal: Person; teachers: Person[] };

/** A principal's press of the nudge button, what the test's model of the budget expected of it, and what came. */
export type Click = {
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
export type PrincipalAnswer = { at: number; principal: string; roundId: number; toast: unknown };
export type TeacherAnswer = { at: number; teacher: string; reply: string | undefined };

/**
 * People's actions at an instant: answers are posted one after the other and the server then
 * settles once (`post` returns what to check afterwards); nudge presses run one by one, since
 * each depends on what the one before did.
 */
export type Action = { post: () => Promise<() => void> } | { run: () => Promise<void> };

/** What the people know of the year: the server, its calendar, campaigns and roster, and how to plan an action. */
export type PeopleContext = {
  ducha: TestDucha;
  cal: SchoolCalendar;
  campaignRows: (typeof campaigns.$inferSelect)[];
  schoolList: School[];
  schoolByChat: Map<string, School>;
  personByOpenId: Map<string, Person>;
  /** Plans an action for an instant (none after the year's end). */
  addAction: (ms: number, action: Action) => void;
};

const isRespondentReminder = (m: SandboxMessage) => m.msg_type === 'text' && m.chat_type === 'p2p' && m.text.includes('还没有收到您的填报');
const sorted = <T>(xs: T[]) => [...xs].sort();

/**
 * `observe()` reads what the bot sent since it last looked, and plans what people do about it;
 * what they did, and what came of it, collects in `clicks`, `principalAnswers` and `teacherAnswers`.
 */
export function createPeople({ ducha, cal, campaignRows, schoolList, schoolByChat, personByOpenId, addAction }: PeopleContext) {
  const fieldOf = new Map(campaignRows.map((c) => [c.code, c.definition.form.fields[0]!.name]));
  const clicks: Click[] = [];
  const principalAnswers: PrincipalAnswer[] = [];
  const teacherAnswers: TeacherAnswer[] = [];
  /** The nudge model: per round and teacher, how many times a nudge named them; which days a school was nudged. */
  const nudgedTimes = new Map<string, number>();
  const nudgedOn = new Set<string>();
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
          value: callbackValueIfOne(prompt)!,
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
        const value = callbackValueIfOne(card)!;
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
      const value = callbackValueIfOne(m);
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

  return { observe, clicks, principalAnswers, teacherAnswers };
}
