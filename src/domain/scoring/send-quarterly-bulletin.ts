import type { Db } from '../../db/database.js';
import { claimJobRun } from '../../db/queries/job-runs.js';
import { enqueueMessages, outboxKey } from '../../db/queries/outbox.js';
import { listBureauDestinations } from '../../db/queries/people.js';
import { hasSupervisionIn } from '../../db/queries/scoring-marks.js';
import { addDays, dateParts, type LocalDate } from '../calendar/local-date.js';
import type { SchoolCalendar } from '../calendar/school-calendar.js';
import { zonedInstant } from '../time/zoned-time.js';
import { readBulletin, type Bulletin } from './read-bulletin.js';
import { lastEndedQuarter, scoringPeriod } from './scoring-span.js';

export type BulletinPresenter = { bulletinCard(bulletin: Bulletin): Record<string, unknown> };

/** 季通报 goes at 09:00 local on the first workday after the quarter ends. */
export const BULLETIN_TIME = { hour: 9, minute: 0 } as const;
/** A server down that morning still sends it later, but not once the quarter is old news. */
const CATCH_UP_DAYS = 14;

/** When a quarter's bulletin is due: its first workday after the quarter's last day, at 09:00. */
export function bulletinMoment(calendar: SchoolCalendar, quarter: string): { day: LocalDate; at: Date } {
  const { until } = scoringPeriod(quarter, calendar.timezone).span;
  const day = calendar.isWorkday(until) ? until : calendar.nextWorkday(until);
  return { day, at: zonedInstant(calendar.timezone, { ...dateParts(day)!, ...BULLETIN_TIME }) };
}

/**
 * The bureau chat gets the last quarter's bulletin once (job_runs claims it, so two ticks or two
 * processes send one). A quarter in which nobody was inspected and nothing was filed is not
 * published: supervision was not in use, and a bulletin of default scores would mislead.
 */
export async function sendQuarterlyBulletin(db: Db, now: Date, o: { calendar: SchoolCalendar; present: BulletinPresenter }): Promise<number> {
  const today = o.calendar.dateOf(now);
  const quarter = lastEndedQuarter(dateParts(today)!);
  const moment = bulletinMoment(o.calendar, quarter);
  if (now < moment.at || today > addDays(moment.day, CATCH_UP_DAYS) || !o.calendar.isInSendingWindow(now)) return 0;
  return db.transaction(async (tx) => {
    const period = scoringPeriod(quarter, o.calendar.timezone);
    const inUse = await hasSupervisionIn(tx, period.months);
    if (!(await claimJobRun(tx, `bulletin:${quarter}`, now, inUse ? 'sent' : 'not_in_use')) || !inUse) return 0;
    const card = o.present.bulletinCard(await readBulletin(tx, { label: quarter, timezone: o.calendar.timezone }));
    const destinations = await listBureauDestinations(tx);
    return enqueueMessages(
      tx,
      now,
      destinations.map(({ id, to }) => ({ key: outboxKey('bulletin', quarter, id), kind: 'bulletin', to, msgType: 'interactive' as const, content: card, notBefore: now })),
    );
  });
}
