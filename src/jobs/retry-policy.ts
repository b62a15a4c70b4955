import type { OutboxRow } from '../db/queries/outbox.js';
import type { SendFailure } from './lark-send.js';

/** A message that keeps failing is retried for a day, then becomes a dead letter. */
const GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;
const BACKOFF_FIRST_MS = 5_000;
const BACKOFF_CAP_MS = 30 * 60_000;
const SINCE_MARK = '; failing since ';
const MAX_ERROR_CHARS = 300;

/** 5 s, 10 s, 20 s … capped at 30 min, with jitter so a burst of failures does not retry in step. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_FIRST_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_CAP_MS);
  return base / 2 + random() * (base / 2);
}

/**
 * After a failed attempt: when to try again (null: never, it is a dead letter) and the error to
 * record.
 *
 * The day of retries counts from the first failure, not from `created_at`: the calendar queues
 * rows days ahead (a round opening on a Saturday, or before Spring Festival, goes at the next
 * window), and `outbox retry` re-queues old dead letters; neither should die on its first 5xx.
 * Without a column for it, the first failure's time rides in `last_error` ("…; failing since
 * <ISO>"), which also tells the admin reading `outbox` how long it has been failing. A row's
 * first attempt (attempts = 1, also after `outbox retry` reset it) starts a fresh count.
 */
export function afterFailure(
  row: Pick<OutboxRow, 'attempts' | 'lastError'>,
  failure: Pick<SendFailure, 'retry' | 'text'>,
  now: Date,
): { retryAt: Date | null; error: string } {
  const since = (row.attempts > 1 && failingSinceIn(row.lastError)) || now;
  const error = `${failure.text.slice(0, MAX_ERROR_CHARS - SINCE_MARK.length - 24)}${SINCE_MARK}${since.toISOString()}`;
  const giveUpAt = since.getTime() + GIVE_UP_AFTER_MS;
  if (failure.retry === 'never' || now.getTime() >= giveUpAt) return { retryAt: null, error };
  return { retryAt: new Date(Math.min(now.getTime() + backoffMs(row.attempts), giveUpAt)), error };
}

/** When the current run of failures began, as recorded by afterFailure. */
export function failingSinceIn(lastError: string | null): Date | undefined {
  const at = lastError?.lastIndexOf(SINCE_MARK) ?? -1;
  if (at < 0) return undefined;
  const since = new Date(lastError!.slice(at + SINCE_MARK.length));
  return Number.isNaN(since.getTime()) ? undefined : since;
}
