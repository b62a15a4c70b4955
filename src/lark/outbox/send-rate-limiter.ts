import { DEFAULT_SEND_LIMITS, type SendLimits } from '../../config.js';

export type { SendLimits };

/**
 * How much later than another a send may reach Lark (a slow event loop, a GC pause, the network).
 * Evenly spaced at 40/s and 4/s, a second at Lark holds at most 50 and 5 even so.
 */
const ARRIVAL_JITTER_MS = 250;

/**
 * The minute is counted over 60 s plus that jitter: the sends that reach any 60-second window of
 * Lark's all started within 60.25 s, so Lark's own 1,000 fits ours exactly. (A 980 in 60 s
 * budget was as safe, but made the last 20 of a deadline minute's 1,000 receipts wait over a second.)
 */
const MINUTE_WINDOW_MS = 60_000 + ARRIVAL_JITTER_MS;

const FORGET_TARGETS_ABOVE = 10_000;

/**
 * Decides when the next send may start, per process.
 *
 * Sends are spaced evenly (a token bucket holding a single token): at 4/s a target gets one
 * send every 250 ms, so any 1-second window at Lark holds at most 5 of them even if arrivals
 * jitter by up to 250 ms, whereas a "4 per second" window would let two bursts of 4 land
 * within a second. The app's per-minute budget is a sliding log of send times.
 *
 * Time is a real monotonic clock (`performance.now()`), never the app clock: Lark counts real
 * time, and tests freeze the app clock while requests still flow.
 *
 * Per process only: two instances sending at once could each use the full budget; Lark's 429
 * and 230020 answers then slow both down (see deliver-outbox), and nothing is lost. Sharing the
 * budget across instances would need a shared clock of slots, e.g. a row per target in Postgres.
 */
/** Lark counts its app limits per API (lark-platform.md §5.4): sending and replying apart. */
export type LarkSendApi = 'create' | 'reply';

type ApiBudget = { freeAt: number; pausedUntil: number; minuteLog: number[] };

export class SendRateLimiter {
  private readonly apis = new Map<LarkSendApi, ApiBudget>();
  private readonly targetFreeAt = new Map<string, number>();

  constructor(
    readonly limits: SendLimits = DEFAULT_SEND_LIMITS,
    private readonly now: () => number = () => performance.now(),
  ) {
    for (const [name, value] of Object.entries(limits)) {
      if (!(value > 0)) throw new Error(`send limit ${name} must be positive, got ${value}`);
    }
  }

  /** Milliseconds until a send to `rateKey` through `api` may start; 0 means now. Takes nothing. */
  waitMs(rateKey: string, api: LarkSendApi = 'create'): number {
    const t = this.now();
    return Math.max(0, this.freeAt(rateKey, api, t) - t);
  }

  /** Takes a slot for a send to `rateKey` when every budget allows one now; else says how long to wait. */
  tryAcquire(rateKey: string, api: LarkSendApi = 'create'): { ok: true } | { ok: false; waitMs: number } {
    const t = this.now();
    const freeAt = this.freeAt(rateKey, api, t);
    if (freeAt > t) return { ok: false, waitMs: freeAt - t };
    // Spacing counts from when the send actually starts: a late timer only slows us down.
    const budget = this.budget(api);
    budget.freeAt = t + 1000 / this.limits.appPerSecond;
    budget.minuteLog.push(t);
    this.targetFreeAt.set(rateKey, t + 1000 / this.limits.targetPerSecond);
    if (this.targetFreeAt.size > FORGET_TARGETS_ABOVE) this.forgetIdleTargets(t);
    return { ok: true };
  }

  /** Lark's gateway said "too many" (429 / 99991400) for an API: nothing goes through it until then. */
  pauseApp(ms: number, api: LarkSendApi = 'create'): void {
    const budget = this.budget(api);
    budget.pausedUntil = Math.max(budget.pausedUntil, this.now() + ms);
  }

  /** Lark's chat limit answered (230020): give that one target a rest. */
  pauseTarget(rateKey: string, ms: number): void {
    const until = this.now() + ms;
    this.targetFreeAt.set(rateKey, Math.max(this.targetFreeAt.get(rateKey) ?? -Infinity, until));
  }

  private budget(api: LarkSendApi): ApiBudget {
    let budget = this.apis.get(api);
    if (!budget) this.apis.set(api, (budget = { freeAt: -Infinity, pausedUntil: -Infinity, minuteLog: [] }));
    return budget;
  }

  private freeAt(rateKey: string, api: LarkSendApi, t: number): number {
    const budget = this.budget(api);
    return Math.max(budget.pausedUntil, budget.freeAt, this.targetFreeAt.get(rateKey) ?? -Infinity, this.minuteFreeAt(budget.minuteLog, t));
  }

  private minuteFreeAt(log: number[], t: number): number {
    let expired = 0;
    while (expired < log.length && log[expired]! <= t - MINUTE_WINDOW_MS) expired++;
    if (expired > 0) log.splice(0, expired);
    if (log.length < this.limits.appPerMinute) return -Infinity;
    // The oldest send in the window must leave it before another fits.
    return log[log.length - this.limits.appPerMinute]! + MINUTE_WINDOW_MS;
  }

  private forgetIdleTargets(t: number): void {
    for (const [key, freeAt] of this.targetFreeAt) if (freeAt <= t) this.targetFreeAt.delete(key);
  }
}
