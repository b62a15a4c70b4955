import { emptyAttachment, findAttachment } from '../../db/queries/outbox-attachments.js';
import { claimDueMessages, markMessageFailed, releaseClaim, type OutboxRow } from '../../db/queries/outbox.js';
import type { DrainReport } from '../../deps.js';
import type { OutboxContext } from './outbox-context.js';
import { alertAdminsOfDeadLetter } from './alert-admins-of-dead-letter.js';
import { CHAT_RATE_LIMIT, classifySendFailure, sendRowToLark, type SendFailure } from './send-row-to-lark.js';
import type { LarkSendApi, SendRateLimiter } from './send-rate-limiter.js';
import { afterFailure } from './retry-policy.js';
import { createSentMarkWriter, type SentMarkWriter } from './sent-mark-writer.js';

/**
 * A claim lasts a minute (app clock): a sender that died is replaced well inside Lark's one-hour
 * uuid window, so the re-send is deduplicated. A live sender never holds a row that long: see
 * MAX_HOLD_MS.
 */
const LEASE_MS = 60_000;
/** Rows one drain holds at a time. */
const BATCH = 50;
/** Rows of one chat or user taken per claim: about one second of its budget (4/s). */
const PER_TARGET_PER_CLAIM = 4;
/** Requests in flight at once; at most one per target, so a chat sees its messages in order. */
const MAX_IN_FLIGHT = 16;
/** A held row whose budget is further off than this (a long 429 reset) goes back to the table. */
const RELEASE_IF_WAIT_OVER_MS = 5_000;
/** Held-but-unsent time cap; plus the SDK's 10 s request timeout it stays well inside the lease. */
const MAX_HOLD_MS = 30_000;
/** While rows keep coming, look for more this often (real time) rather than after every send. */
const REFILL_EVERY_MS = 200;
/** Lark answered 230020 for a chat: leave that chat alone for this long in this process. */
const CHAT_LIMIT_REST_MS = 1_000;

/** The Lark API a row goes through (each has its own app budget). */
const apiOf = (row: OutboxRow): LarkSendApi => (row.replyTo ? 'reply' : 'create');

/** What one drain did (the report without who sent: the caller knows). */
export type DeliveryReport = Omit<DrainReport, 'sender'>;

type Held = { row: OutboxRow; heldSince: number };

/**
 * Sends the rows due by `now` (default: the clock's time at each claim), each once, within Lark's
 * limits; returns what happened. Rows whose target has no budget yet wait in memory (briefly)
 * while other targets' rows go, so one busy chat delays nobody else.
 *
 * Limits are per process (see SendRateLimiter): two instances draining at once could each use
 * the whole budget; a 429 or 230020 from Lark then slows both down, and nothing is lost.
 */
export async function deliverDueMessages(deps: OutboxContext, options: { now?: Date; stop?: AbortSignal } = {}): Promise<DeliveryReport> {
  const { now } = options;
  const { limiter, heldTargets } = deps;
  const report: DeliveryReport = { sent: 0, retrying: 0, dead: 0, released: 0 };
  const held: Held[] = [];
  const inFlight = new Map<string, Promise<void>>();
  const done = (row: OutboxRow) => releaseTarget(heldTargets, row.rateKey);
  const marks = createSentMarkWriter(deps.db, deps.log);
  let tableMayHoldMore = true;
  let lastClaimAt = -Infinity;
  let lastClaimEmpty = false;
  try {
    for (;;) {
      if (options.stop?.aborted) {
        await giveBack(deps, held.splice(0), report, done);
        tableMayHoldMore = false;
      }
      const wantMore = tableMayHoldMore && held.length < BATCH / 2;
      // Nothing left to start: claim now rather than let the requests in flight run dry first
      // (unless the last claim found nothing: then wait as usual).
      const idle = held.length === 0 && inFlight.size === 0;
      const starved = held.length === 0 && !lastClaimEmpty;
      if (wantMore && (idle || starved || performance.now() - lastClaimAt >= REFILL_EVERY_MS)) {
        lastClaimAt = performance.now();
        // One claim at a time per client: a claim must see the targets another drain just took.
        const rows = await deps.claimInTurn(async () => {
          const claimed = await claimDueMessages(deps.db, now ?? deps.clock.now(), LEASE_MS, BATCH - held.length, {
            perTarget: PER_TARGET_PER_CLAIM,
            skipTargets: [...heldTargets.keys()],
          });
          for (const row of claimed) heldTargets.set(row.rateKey, (heldTargets.get(row.rateKey) ?? 0) + 1);
          return claimed;
        });
        // Only a claim that skipped none of our own targets proves there is nothing more for us;
        // targets other drains hold are theirs to finish.
        tableMayHoldMore = rows.length > 0 || held.length > 0 || inFlight.size > 0;
        lastClaimEmpty = rows.length === 0;
        for (const row of rows) held.push({ row, heldSince: performance.now() });
      }
      const nextWaitMs = await startRowsWithBudget(deps, { limiter, held, inFlight, report, marks, done });
      if (held.length === 0 && inFlight.size === 0) {
        if (!tableMayHoldMore) return report;
        continue;
      }
      // Short naps: a stop request or a freed budget is noticed within REFILL_EVERY_MS.
      await Promise.race([...inFlight.values(), sleep(Math.min(nextWaitMs, REFILL_EVERY_MS))]);
    }
  } finally {
    // Whatever was started is finished; rows still held (after an error) wait for their lease.
    await Promise.allSettled(inFlight.values());
    await marks.flush();
    for (const { row } of held) done(row);
  }
}

/** Rows claimed but not sent go back for the next drain, here or in another instance. */
async function giveBack(deps: OutboxContext, rows: Held[], report: DeliveryReport, done: (row: OutboxRow) => void): Promise<void> {
  for (const { row } of rows) {
    await releaseClaim(deps.db, row.id, deps.clock.now());
    report.released++;
    done(row);
  }
}

type Drain = {
  limiter: SendRateLimiter;
  held: Held[];
  inFlight: Map<string, Promise<void>>;
  report: DeliveryReport;
  marks: SentMarkWriter;
  /** The row is finished with (sent, failed, given back): its target is free for other drains. */
  done(row: OutboxRow): void;
};

/**
 * Starts every held row whose target has budget now (oldest first, one in flight per target);
 * gives back rows that would wait too long. Returns how long until the next one might go.
 */
async function startRowsWithBudget(deps: OutboxContext, drain: Drain): Promise<number> {
  const { limiter, held, inFlight, report, marks } = drain;
  let nextWaitMs = Infinity;
  const waiting = new Set<string>();
  for (let i = 0; i < held.length; ) {
    const { row, heldSince } = held[i]!;
    // Behind an earlier row of its own target: it keeps its turn.
    if (inFlight.has(row.rateKey) || waiting.has(row.rateKey)) {
      i++;
      continue;
    }
    const wait = limiter.waitMs(row.rateKey, apiOf(row));
    if (wait > RELEASE_IF_WAIT_OVER_MS || performance.now() - heldSince > MAX_HOLD_MS) {
      held.splice(i, 1);
      await releaseClaim(deps.db, row.id, new Date(deps.clock.now().getTime() + Math.min(wait, RELEASE_IF_WAIT_OVER_MS)));
      report.released++;
      drain.done(row);
      continue;
    }
    if (inFlight.size >= MAX_IN_FLIGHT) break;
    const slot = limiter.tryAcquire(row.rateKey, apiOf(row));
    if (!slot.ok) {
      waiting.add(row.rateKey);
      nextWaitMs = Math.min(nextWaitMs, slot.waitMs);
      i++;
      continue;
    }
    held.splice(i, 1);
    const attempt = sendOnce(deps, limiter, row, report, marks)
      .then((outcome) => {
        // A 429: the row keeps its place at the front; the limiter now holds everyone back.
        if (outcome === 'again') held.unshift({ row, heldSince });
        // The target stays ours until the row is marked: no other drain here may take it before.
        else void outcome.recorded.then(() => drain.done(row));
      })
      .catch((error: unknown) => {
        drain.done(row);
        deps.log.error('outbox send crashed; the lease will bring it back', { outboxId: row.id, error });
      })
      .finally(() => inFlight.delete(row.rateKey));
    inFlight.set(row.rateKey, attempt);
  }
  return nextWaitMs;
}

/**
 * One request to Lark for one row, and its outcome recorded: 'again' when it must go again at
 * once, else `recorded`, which settles once the outcome is in the table (a sent mark is written
 * with others, a moment later).
 */
async function sendOnce(
  deps: OutboxContext,
  limiter: SendRateLimiter,
  row: OutboxRow,
  report: DeliveryReport,
  marks: SentMarkWriter,
): Promise<'again' | { recorded: Promise<void> }> {
  const log = deps.log.child({ outboxId: row.id, kind: row.kind, attempt: row.attempts });
  let messageId: string;
  try {
    messageId = await sendRowToLark(deps.client, row, { attachment: (key) => findAttachment(deps.db, key) });
  } catch (error) {
    const failure = classifySendFailure(error);
    if (failure.retry === 'after-reset') {
      limiter.pauseApp(failure.resetMs, apiOf(row));
      log.info('lark rate limit reached, waiting for its reset', { resetMs: failure.resetMs });
      return 'again';
    }
    if (failure.code === CHAT_RATE_LIMIT) limiter.pauseTarget(row.rateKey, CHAT_LIMIT_REST_MS);
    await recordFailure(deps, row, failure, report);
    return { recorded: Promise.resolve() };
  }
  report.sent++;
  log.info('message sent', { larkMessageId: messageId });
  const recorded = marks.add({ id: row.id, larkMessageId: messageId, sentAt: deps.clock.now() });
  return { recorded: row.msgType === 'file' ? recorded.then(() => forgetBytes(deps, row)) : recorded };
}

/** A sent file's bytes are emptied (its row keeps the name and size); a failure here only leaves them a while longer. */
async function forgetBytes(deps: OutboxContext, row: OutboxRow): Promise<void> {
  await emptyAttachment(deps.db, row.key).catch((error: unknown) => deps.log.error('could not empty a sent file', { outboxId: row.id, error }));
}

/** Backoff for what may pass, dead letter (and an admin alert) for what never will or failed for a day. */
async function recordFailure(deps: OutboxContext, row: OutboxRow, failure: SendFailure, report: DeliveryReport): Promise<void> {
  const now = deps.clock.now();
  const { retryAt, error, failingSince } = afterFailure(row, failure, now);
  const log = deps.log.child({ outboxId: row.id, kind: row.kind, attempt: row.attempts, error });
  if (retryAt) {
    await markMessageFailed(deps.db, row.id, { error, retryAt, at: now, failingSince });
    report.retrying++;
    log.warn('message send failed, will retry', { retryAt: retryAt.toISOString() });
    return;
  }
  // The row turns dead and its alert is queued (or its count brought up to date) in one
  // transaction: whoever sees the dead letter, another drain or a test, also sees its alert, and
  // a crash in between loses neither. The alert runs in a savepoint: if it fails, the row still dies.
  await deps.db.transaction(async (tx) => {
    await markMessageFailed(tx, row.id, { error, retryAt, at: now, failingSince });
    try {
      await tx.transaction((alertTx) => alertAdminsOfDeadLetter({ ...deps, db: alertTx }, { row, failure, now }));
    } catch (error) {
      log.error('could not queue the dead-letter alert', { error });
    }
  });
  report.dead++;
  log.warn('message dead-lettered');
}

/** The row is finished with: one fewer held for its target (see OutboxContext.heldTargets). */
function releaseTarget(targets: Map<string, number>, rateKey: string): void {
  const left = (targets.get(rateKey) ?? 1) - 1;
  if (left > 0) targets.set(rateKey, left);
  else targets.delete(rateKey);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(1, Math.ceil(ms))));
