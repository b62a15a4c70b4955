import type { Db } from '../../db/database.js';
import { insertDailyChecks, listDailyCheckSchools, listDailyChecksOf, listMentorPairs, listMentorsCheckedOn, type MentorPair } from '../../db/queries/daily-checks.js';
import { enqueueMessages, outboxKey } from '../../db/queries/outbox.js';
import type { SchoolCalendar } from '../calendar/school-calendar.js';
import { dateParts } from '../calendar/local-date.js';
import { parseClockTime, zonedInstant } from '../time/zoned-time.js';
import type { DailyCheckPresenter } from './daily-check-presenter.js';

export type DailyChecksReport = { schools: number; cards: number; checks: number };

/**
 * 每天一问: on a school day (a workday outside the vacations) once a school's time has come, and
 * only inside the sending window, each mentor of a school that turned it on gets the day's checks
 * and one 1:1 card listing them. A mentor who has the day's checks already is done for the day,
 * and the card's key is the mentor and the day, so ticks repeated or run together send it once.
 */
export async function sendDailyChecks(db: Db, now: Date, o: { calendar: SchoolCalendar; present: DailyCheckPresenter }): Promise<DailyChecksReport> {
  const report: DailyChecksReport = { schools: 0, cards: 0, checks: 0 };
  const { calendar } = o;
  const day = calendar.dateOf(now);
  if (!calendar.isWorkday(day) || calendar.isInVacation(day) || !calendar.isInSendingWindow(now)) return report;
  const due = (await listDailyCheckSchools(db)).filter((s) => timeOn(calendar, day, s.dailyCheckAt) <= now);
  if (due.length === 0) return report;
  report.schools = due.length;
  const byMentor = new Map<number, MentorPair[]>();
  for (const pair of await listMentorPairs(db, due.map((s) => s.schoolId))) byMentor.set(pair.mentorId, [...(byMentor.get(pair.mentorId) ?? []), pair]);
  const done = await listMentorsCheckedOn(db, [...byMentor.keys()], day);
  for (const [mentorId, pairs] of byMentor) {
    if (done.has(mentorId)) continue;
    // The rows and the card together: a tick that dies between them leaves neither, and the next makes both.
    const { queued, checks } = await db.transaction(async (tx) => {
      await insertDailyChecks(tx, pairs.map((p) => ({ mentorId, studentId: p.studentId, day })));
      const checks = await listDailyChecksOf(tx, mentorId, day);
      const mentor = pairs[0]!;
      const queued = await enqueueMessages(tx, now, [
        {
          key: outboxKey('daily-check', mentorId, day),
          kind: 'daily-check',
          to: { openId: mentor.mentorOpenId },
          msgType: 'interactive',
          content: o.present.dailyCheckCard({ mentorName: mentor.mentorName, day, checks }),
          notBefore: now,
        },
      ]);
      return { queued, checks };
    });
    report.cards += queued;
    if (queued > 0) report.checks += checks.length;
  }
  return report;
}

/** The instant a school's `HH:mm` falls on a local day. */
function timeOn(calendar: SchoolCalendar, day: string, hhmm: string): Date {
  return zonedInstant(calendar.timezone, { ...dateParts(day)!, ...parseClockTime(hhmm) });
}
