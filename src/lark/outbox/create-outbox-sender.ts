import type { Background } from '../../background.js';
import type { Clock } from '../../clock.js';
import type { SendLimits } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { DrainReport, OutboxSender } from '../../deps.js';
import { hasDueMessages } from '../../db/queries/outbox.js';
import type { Logger } from '../../log.js';
import type { LarkClient } from '../lark-client.js';
import { deliverDueMessages, type DeliveryReport } from './deliver-due-messages.js';
import type { OutboxContext } from './outbox-context.js';
import { SendRateLimiter } from './send-rate-limiter.js';
import { takeSenderLease, type SenderLease } from './sender-lease.js';

export type { DrainReport, OutboxSender };

/** The app's send budget in one process; a Worker keeps one per isolate, across its invocations. */
export type SendBudget = SendRateLimiter;
export const createSendBudget = (limits: SendLimits): SendBudget => new SendRateLimiter(limits);

export type OutboxSenderParts = {
  db: Db;
  client: LarkClient;
  clock: Clock;
  log: Logger;
  timezone: string;
  /** The limits, or a budget already partly spent (a Worker isolate's). */
  budget: SendLimits | SendBudget;
  /** Where an on-demand drain runs after the answer has gone. */
  background: Background;
};

/**
 * How rows leave: `pump` (a long-lived Node server) drains as soon as rows are queued and polls
 * for rows other processes queued; `on-demand` (a Worker invocation) drains in the background
 * when rows are queued, for at most `budgetMs`, one drain at a time; `manual` (the CLI) only
 * when its caller calls `drain`, once its work is done.
 */
export type OutboxMode = { kind: 'pump'; pollMs?: number } | { kind: 'on-demand'; budgetMs: number } | { kind: 'manual' };

const EMPTY: DeliveryReport = { sent: 0, retrying: 0, dead: 0, released: 0 };

/**
 * The only way out. Lark's limits are per app, so only the instance holding the sender lease (a
 * row in Postgres) sends; the others stand by, and one takes over when the sender gives the lease
 * back (a stop) or stops renewing it (a crash). One sender at Lark's pace is all the app may use.
 */
export function createOutboxSender(parts: OutboxSenderParts, mode: OutboxMode): OutboxSender {
  const limiter = parts.budget instanceof SendRateLimiter ? parts.budget : new SendRateLimiter(parts.budget);
  let claims: Promise<unknown> = Promise.resolve();
  const context: OutboxContext = {
    ...parts,
    limiter,
    heldTargets: new Map(),
    claimInTurn(task) {
      const result = claims.then(task, task);
      claims = result.catch(() => {});
      return result;
    },
  };
  const stopping = new AbortController();
  const lease = createLeaseHolder(parts, { keep: mode.kind === 'pump' });

  async function drain(options: { now?: Date; budgetMs?: number; stop?: AbortSignal } = {}): Promise<DrainReport> {
    const outOfTime = options.budgetMs === undefined ? undefined : AbortSignal.timeout(options.budgetMs);
    const stops = [stopping.signal, outOfTime, options.stop].filter((s): s is AbortSignal => s !== undefined);
    let total: DrainReport = { ...EMPTY, sender: 'another instance' };
    // After the lease goes back, look once more: a row queued by an instance that found the lease
    // taken while this drain was finishing would otherwise wait for the next trigger.
    do {
      const held = await lease.acquire();
      if (!held) break;
      try {
        const report = await deliverDueMessages(context, { now: options.now, stop: AbortSignal.any([...stops, held.lost]) });
        total = { ...add(total, report), sender: 'this instance' };
      } finally {
        await lease.done();
      }
    } while (mode.kind !== 'pump' && !stops.some((s) => s.aborted) && (await hasDueMessages(parts.db, options.now ?? parts.clock.now())));
    return total;
  }

  if (mode.kind === 'pump') return pump(parts.log, drain, stopping, lease, mode.pollMs ?? 1000);
  if (mode.kind === 'on-demand') return onDemand(drain, stopping, lease, { background: parts.background, budgetMs: mode.budgetMs });
  return {
    deliverSoon() {},
    drain,
    async stop() {
      stopping.abort();
      await lease.release();
    },
  };
}

/** Drains as rows are queued, and every `pollMs` for rows other processes queued; one drain at a time. */
function pump(log: Logger, drain: OutboxSender['drain'], stopping: AbortController, lease: LeaseHolder, pollMs: number): OutboxSender {
  let running: Promise<unknown> | undefined;
  let again = false;
  const drainNow = (): void => {
    if (stopping.signal.aborted) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await drain().catch((error: unknown) => log.error('outbox drain failed', { job: 'outbox', error }));
      } while (again && !stopping.signal.aborted);
    })().finally(() => (running = undefined));
  };
  const timer = setInterval(drainNow, pollMs);
  timer.unref();
  return {
    deliverSoon: drainNow,
    drain,
    async stop() {
      clearInterval(timer);
      // Requests already sent are finished and recorded; rows claimed but not yet sent (a long
      // backlog drains at Lark's pace) are given back rather than making shutdown wait for them.
      stopping.abort();
      await running;
      await lease.release();
    },
  };
}

/** One drain per invocation at a time, deferred past the answer; it looks again for new rows before it ends. */
function onDemand(
  drain: OutboxSender['drain'],
  stopping: AbortController,
  lease: LeaseHolder,
  mode: { background: Background; budgetMs: number },
): OutboxSender {
  let sending = false;
  return {
    deliverSoon() {
      if (sending || stopping.signal.aborted) return;
      sending = true;
      mode.background.defer('outbox', () => drain({ budgetMs: mode.budgetMs }).finally(() => (sending = false)));
    },
    drain,
    async stop() {
      stopping.abort();
      await lease.release();
    },
  };
}

type LeaseHolder = {
  /** The lease for one drain: this sender's if it holds it, else a new one; undefined when another instance has it. */
  acquire(): Promise<{ lost: AbortSignal } | undefined>;
  /** A drain is over: an on-demand sender gives the lease back once no drain of its own still runs. */
  done(): Promise<void>;
  release(): Promise<void>;
};

function createLeaseHolder(parts: OutboxSenderParts, options: { keep: boolean }): LeaseHolder {
  let lease: SenderLease | undefined;
  let taking: Promise<SenderLease | undefined> | undefined;
  let drains = 0;
  return {
    async acquire() {
      if (!lease || lease.lost.aborted) {
        // Drains starting together share one attempt, so they share the lease it takes.
        taking ??= takeSenderLease(parts.db).finally(() => (taking = undefined));
        const taken = await taking;
        if (taken !== lease) {
          lease = taken;
          if (lease && options.keep) parts.log.info('this instance is now the outbox sender', { job: 'outbox' });
        }
      }
      if (lease) drains++;
      return lease;
    },
    async done() {
      drains--;
      if (!options.keep && drains === 0) await this.release();
    },
    async release() {
      const held = lease;
      lease = undefined;
      await held?.release();
    },
  };
}

function add(a: DeliveryReport, b: DeliveryReport): DeliveryReport {
  return { sent: a.sent + b.sent, retrying: a.retrying + b.retrying, dead: a.dead + b.dead, released: a.released + b.released };
}
