import type { OutboxRow } from '../../db/queries/outbox.js';
import type { SendFailure } from './send-row-to-lark.js';

/** A message that keeps failing is retried for a day, then becomes a dead letter. */
const GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;
const BACKOFF_FIRST_MS = 5_000;
const BACKOFF_CAP_MS = 30 * 60_000;
const MAX_ERROR_CHARS = 300;

/** 5 s, 10 s, 20 s … capped at 30 min, with jitter so a burst of failures does not retry in step. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_FIRST_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_CAP_MS);
  return base / 2 + random() * (base / 2);
}

/**
 * After a failed attempt: when to try again (null: never, it is a dead letter), the error to
 * record, and when this run of failures began.
 *
 * The day of retries counts from the first failure, not from `created_at`: the calendar queues
 * rows days ahead (a round opening on a Saturday, or before Spring Festival, goes at the next
 * window), and `outbox retry` re-queues old dead letters; neither should die on its first 5xx.
 */
export function afterFailure(
  row: Pick<OutboxRow, 'attempts' | 'failingSince'>,
  failure: Pick<SendFailure, 'retry' | 'text'>,
  now: Date,
): { retryAt: Date | null; error: string; failingSince: Date } {
  const failingSince = row.failingSince ?? now;
  const error = failure.text.slice(0, MAX_ERROR_CHARS);
  const giveUpAt = failingSince.getTime() + GIVE_UP_AFTER_MS;
  if (failure.retry === 'never' || now.getTime() >= giveUpAt) return { retryAt: null, error, failingSince };
  return { retryAt: new Date(Math.min(now.getTime() + backoffMs(row.attempts), giveUpAt)), error, failingSince };
}
