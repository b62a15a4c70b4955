import type { Db } from '../../db/database.js';
import { findActivePeople, listCaseChangesBetween, listOpenCases, type OpenCaseRow } from '../../db/queries/dropout-cases.js';
import { claimJobRun } from '../../db/queries/job-runs.js';
import { enqueueMessages, outboxKey } from '../../db/queries/outbox.js';
import { listBureauDestinations } from '../../db/queries/people.js';
import { listPrincipalsOfSchools } from '../../db/queries/students.js';
import type { DropoutState } from '../../db/schema/children-followup.js';
import type { SchoolCalendar } from '../calendar/school-calendar.js';
import { maskStudentName } from '../students/mask-name.js';
import { dailySummaryWindow, daysOpen, mayRunAt, weeklyReminderMoment } from './dropout-schedule.js';

/** A responsible teacher's or principal's weekly 1:1 list (full names: staff of the child's school). */
export type DropoutReminderContent = {
  name: string;
  cases: { name: string; className: string; state: DropoutState; days: number; lastAttempt: string | null }[];
};

/** The bureau chat's daily summary: a group chat, so masked names only. */
export type DropoutSummaryContent = {
  day: string;
  opened: { school: string; masked: string; state: DropoutState }[];
  closed: { school: string; masked: string; state: DropoutState }[];
  open: number;
};

export type DropoutPresenter = {
  weeklyReminderText(content: DropoutReminderContent): string;
  dailySummaryText(content: DropoutSummaryContent): string;
};

export type DropoutJobsReport = { reminders: number; summaries: number };

type Options = { calendar: SchoolCalendar; present: DropoutPresenter };

/** Both of 控辍保学's scheduled messages; each is keyed, so two ticks do the work once. */
export async function runDropoutJobs(db: Db, now: Date, o: Options): Promise<DropoutJobsReport> {
  if (!mayRunAt(o.calendar, now)) return { reminders: 0, summaries: 0 };
  return { reminders: await remindOpenDropoutCases(db, now, o), summaries: await summarizeDropoutsForBureau(db, now, o) };
}

/**
 * 减负: one digest a week per person (the outbox key names the week and the person), which is the
 * dropout cap; the reminder ledger counts campaign rounds, which these cases are not part of.
 * Cases opened since this week's moment wait for next week's digest. The week's first tick at or
 * after the moment claims it (job_runs) and sends, so later ticks of the week read nothing.
 */
export async function remindOpenDropoutCases(db: Db, now: Date, o: Options): Promise<number> {
  const moment = weeklyReminderMoment(o.calendar, now);
  if (!moment || now < moment.at) return 0;
  return db.transaction(async (tx) => ((await claimJobRun(tx, `dropout-week:${moment.week}`, now, 'sent')) ? weeklyDigests(tx, now, moment, o) : 0));
}

async function weeklyDigests(db: Db, now: Date, moment: { week: string; at: Date }, o: Options): Promise<number> {
  const cases = (await listOpenCases(db)).filter((c) => c.openedAt < moment.at);
  const byPerson = new Map<number, OpenCaseRow[]>();
  const add = (id: number, c: OpenCaseRow) => {
    const list = byPerson.get(id) ?? [];
    if (!list.includes(c)) list.push(c);
    byPerson.set(id, list);
  };
  // Every school's principals in one statement, not one per school.
  const principalsBySchool = await listPrincipalsOfSchools(db, [...new Set(cases.map((c) => c.schoolId))]);
  for (const c of cases) {
    add(c.responsibleId, c);
    for (const id of principalsBySchool.get(c.schoolId) ?? []) add(id, c);
  }
  const people = await findActivePeople(db, [...byPerson.keys()]);
  return enqueueMessages(
    db,
    now,
    people.map((person) => ({
      key: outboxKey('dropout-week', moment.week, person.id),
      kind: 'dropout-reminder',
      to: { openId: person.openId },
      msgType: 'text' as const,
      content: {
        text: o.present.weeklyReminderText({
          name: person.name,
          cases: byPerson.get(person.id)!.map((c) => ({
            name: c.studentName,
            className: c.className,
            state: c.state,
            days: daysOpen(o.calendar, c.openedAt, now),
            lastAttempt: c.lastAttempt,
          })),
        }),
      },
      notBefore: now,
    })),
  );
}

/** The bureau chat hears, once a workday, of cases opened and closed since the last workday's summary; nothing when nothing changed. */
export async function summarizeDropoutsForBureau(db: Db, now: Date, o: Options): Promise<number> {
  const window = dailySummaryWindow(o.calendar, now);
  // The day's first tick claims the summary (job_runs): later ticks of the day read nothing.
  return db.transaction(async (tx) => ((await claimJobRun(tx, `dropout-daily:${window.day}`, now, 'done')) ? bureauSummary(tx, now, window, o) : 0));
}

async function bureauSummary(db: Db, now: Date, window: ReturnType<typeof dailySummaryWindow>, o: Options): Promise<number> {
  const changes = await listCaseChangesBetween(db, window.from, window.until);
  if (changes.length === 0) return 0;
  const entry = (c: (typeof changes)[number], state: DropoutState) => ({ school: c.schoolName, masked: maskStudentName(c.studentName), state });
  const content: DropoutSummaryContent = {
    day: window.day,
    opened: changes.filter((c) => c.kind !== 'state').map((c) => entry(c, 'suspected')),
    closed: changes.filter((c) => c.kind === 'state').map((c) => entry(c, c.toState!)),
    open: (await listOpenCases(db)).length,
  };
  const destinations = await listBureauDestinations(db);
  return enqueueMessages(
    db,
    now,
    destinations.map(({ id, to }) => ({
      key: outboxKey('dropout-daily', window.day, id),
      kind: 'dropout-summary',
      to,
      msgType: 'text' as const,
      content: { text: o.present.dailySummaryText(content) },
      notBefore: now,
    })),
  );
}
