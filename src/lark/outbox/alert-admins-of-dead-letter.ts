import { countDeadLetters, enqueueMessages, outboxKey, rewritePendingContent, type OutboxRow } from '../../db/queries/outbox.js';
import { listActiveAdmins } from '../../db/queries/people.js';
import type { OutboxContext } from './outbox-context.js';
import { alertTexts } from '../../texts/alert-texts.js';
import { loadSchoolCalendar } from '../../domain/calendar/load-school-calendar.js';
import { localDate, localParts, zonedInstant } from '../../domain/time/zoned-time.js';
import type { SendFailure } from './send-row-to-lark.js';

/** The outbox kind of an alert: an alert that dies itself is never alerted about. */
export const DEAD_LETTER_ALERT_KIND = 'dead-letter-alert';

/**
 * The alert waits this long before it goes (and then for the sending window, like anything the
 * bot starts), so a burst of dead letters (a chat the bot was removed from, with a dozen
 * messages queued) becomes one alert with the whole count.
 */
const GATHER_MS = 5 * 60_000;

/**
 * Tells every active admin, 1:1, that messages died: one alert per kind of failure per local day
 * and admin (the key makes a second one a no-op). While the alert still waits, its count is
 * brought up to date.
 */
export async function alertAdminsOfDeadLetter(
  deps: Pick<OutboxContext, 'db' | 'log' | 'timezone'>,
  { row, failure, now }: { row: OutboxRow; failure: SendFailure; now: Date },
): Promise<void> {
  if (row.kind === DEAD_LETTER_ALERT_KIND) return;
  const admins = await listActiveAdmins(deps.db);
  if (admins.length === 0) {
    deps.log.warn('message dead-lettered and no admin to tell', { outboxId: row.id, failure: failure.kind });
    return;
  }
  const timeZone = deps.timezone;
  const day = localDate(now, timeZone);
  const { year, month, day: dayOfMonth } = localParts(now, timeZone);
  const dayStart = zonedInstant(timeZone, { year, month, day: dayOfMonth, hour: 0, minute: 0 });
  const nextDayStart = zonedInstant(timeZone, { year, month, day: dayOfMonth + 1, hour: 0, minute: 0 });
  const count = await countDeadLetters(deps.db, {
    errorPrefix: `[${failure.kind}]`,
    from: dayStart,
    to: nextDayStart,
    exceptKind: DEAD_LETTER_ALERT_KIND,
  });
  const content = { text: alertTexts.deadLetters(failure, day, Math.max(count, 1), row) };
  const { calendar } = await loadSchoolCalendar(deps.db, timeZone);
  const notBefore = calendar.sendTimeFor(new Date(now.getTime() + GATHER_MS), 'next-window');
  const alerts = admins.map((admin) => ({
    key: outboxKey('alert', failure.kind, day, admin.id),
    kind: DEAD_LETTER_ALERT_KIND,
    to: { openId: admin.openId },
    msgType: 'text' as const,
    content,
    notBefore,
  }));
  const queued = await enqueueMessages(deps.db, now, alerts);
  if (queued < alerts.length) await rewritePendingContent(deps.db, alerts.map((a) => a.key), content);
}
