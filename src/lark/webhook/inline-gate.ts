/**
 * Decides whether an event is handled inside its request — one transaction (dedup, answer, receipt,
 * done), then the 200 — or stored and handled after the 200. Inline is the fast path: one
 * transaction instead of two and no second read of the event. It must not hold the 200 back,
 * though (Lark re-sends after 3 s, and a slow 200 holds Lark's next events): past `maxInFlight`
 * requests being handled at once, or after one took longer than `budgetMs` (Postgres is slow), new
 * events are stored instead, for `coolDownMs`.
 */
export type InlineGate = {
  admits(): boolean;
  run<T>(work: () => Promise<T>): Promise<T>;
};

export function createInlineGate(options: { maxInFlight: number; budgetMs: number; coolDownMs: number; now?: () => number }): InlineGate {
  const now = options.now ?? (() => performance.now());
  let inFlight = 0;
  let slowUntil = -Infinity;
  return {
    admits: () => inFlight < options.maxInFlight && now() >= slowUntil,
    async run(work) {
      inFlight++;
      const started = now();
      try {
        return await work();
      } finally {
        inFlight--;
        const finished = now();
        if (finished - started > options.budgetMs) slowUntil = finished + options.coolDownMs;
      }
    },
  };
}
