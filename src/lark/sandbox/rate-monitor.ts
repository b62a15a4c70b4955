/**
 * Records when each send or reply request reaches the sandbox, as Lark's own counters would see
 * it: real arrival time (`performance.now()`, not the app clock, which tests freeze) and the
 * target Lark counts it against (`chat:<chat_id>` or `user:<open_id>`, like the outbox's rate_key),
 * and the API (Lark's app limits are per API: send and reply each have their own).
 * Every request counts, refused or deduplicated ones too, because Lark limits requests.
 */
export class RateMonitor {
  private readonly arrivals: { target: string; api: string; at: number }[] = [];

  constructor(private readonly keep = 200_000) {}

  record(target: string, api = 'create', at = performance.now()): void {
    this.arrivals.push({ target, api, at });
    if (this.arrivals.length > this.keep) this.arrivals.splice(0, this.arrivals.length - this.keep);
  }

  clear(): void {
    this.arrivals.length = 0;
  }

  get count(): number {
    return this.arrivals.length;
  }

  /** The most requests for the app seen in any window of `windowMs`, all APIs together or one. */
  maxForApp(windowMs = 1000, api?: string): number {
    return maxInWindow(this.arrivals.filter((a) => !api || a.api === api).map((a) => a.at), windowMs);
  }

  /** What Lark's per-API gate sees at worst: the busiest API's busiest window. */
  maxForAnyApi(windowMs = 1000): number {
    return Math.max(0, ...[...new Set(this.arrivals.map((a) => a.api))].map((api) => this.maxForApp(windowMs, api)));
  }

  /** The target that saw the most requests in any window of `windowMs`, and how many. */
  busiestTarget(windowMs = 1000): { target: string | undefined; max: number } {
    const byTarget = new Map<string, number[]>();
    for (const a of this.arrivals) {
      const times = byTarget.get(a.target) ?? [];
      times.push(a.at);
      byTarget.set(a.target, times);
    }
    let busiest: { target: string | undefined; max: number } = { target: undefined, max: 0 };
    for (const [target, times] of byTarget) {
      const max = maxInWindow(times, windowMs);
      if (max > busiest.max) busiest = { target, max };
    }
    return busiest;
  }

  maxForTarget(target: string, windowMs = 1000): number {
    return maxInWindow(this.arrivals.filter((a) => a.target === target).map((a) => a.at), windowMs);
  }
}

/** Largest number of times falling in any half-open window [t, t + windowMs). */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}
