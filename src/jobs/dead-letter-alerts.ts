import { and, asc, eq } from 'drizzle-orm';
import { countDeadLetters, enqueueMessages, outboxKey, rewritePendingContent, type OutboxRow } from '../db/queries/outbox.js';
import { people } from '../db/schema/index.js';
import type { Deps } from '../deps.js';
import { loadSchoolCalendar } from '../domain/calendar/load-school-calendar.js';
import { localDate, localParts, zonedInstant } from '../domain/time/zoned-time.js';
import type { SendFailure } from './lark-send.js';

/** The outbox kind of an alert: an alert that dies itself is never alerted about. */
export const DEAD_LETTER_ALERT_KIND = 'dead-letter-alert';

/**
 * The alert waits this long before it goes (and then for the sending window, like anything the
 * bot starts), so a burst of dead letters (a chat the bot was removed from, with a dozen
 * messages queued) becomes one alert with the whole count.
 */
const GATHER_MS = 5 * 60_000;

/** What each kind of failure means, for an admin who does not know Lark's codes. */
const FAILURE_MEANINGS: Record<string, string> = {
  '230001': '消息内容或参数无效',
  '230002': '机器人不在群里（可能被移出了群）',
  '230006': '应用的机器人能力未开启',
  '230011': '要回复的消息已被撤回',
  '230013': '对方不在应用的可用范围内，或已离职',
  '230029': '对方已离职',
  '230034': '接收人 ID 无效',
  '230035': '没有在该会话发言的权限',
  '230053': '对方已停用机器人',
  '230099': '卡片生成失败',
  '232009': '群已解散',
  '99991672': '应用没有发消息的权限',
};

export function deadLetterAlertText(failure: Pick<SendFailure, 'kind' | 'text'>, day: string, count: number, row: Pick<OutboxRow, 'kind' | 'rateKey'>): string {
  const meaning = FAILURE_MEANINGS[failure.kind] ?? `24 小时内一直发送失败，最后一次：${failure.text}`;
  return [
    `【督查助手】${day} 有 ${count} 条消息发不出去，已停止重试。`,
    `原因（飞书错误 ${failure.kind}）：${meaning}。`,
    `最近一条：发往 ${row.rateKey} 的「${row.kind}」消息。`,
    '今天同一原因不再重复提醒。可运行 npm run cli -- outbox 查看，处理后用 outbox retry ID 重新发送。',
  ].join('\n');
}

/**
 * Tells every active admin, 1:1, that messages died: one alert per kind of failure per local day
 * and admin (the key makes a second one a no-op). While the alert still waits, its count is
 * brought up to date.
 */
export async function alertAdminsOfDeadLetter(deps: Deps, row: OutboxRow, failure: SendFailure, now: Date): Promise<void> {
  if (row.kind === DEAD_LETTER_ALERT_KIND) return;
  const admins = await deps.db
    .select({ id: people.id, openId: people.openId })
    .from(people)
    .where(and(eq(people.role, 'admin'), eq(people.active, true)))
    .orderBy(asc(people.id));
  if (admins.length === 0) {
    deps.log.warn('message dead-lettered and no admin to tell', { outboxId: row.id, failure: failure.kind });
    return;
  }
  const timeZone = deps.config.timezone;
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
  const content = { text: deadLetterAlertText(failure, day, Math.max(count, 1), row) };
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
