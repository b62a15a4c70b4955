import type { Logger } from './log.js';

/** Work done after the answer has gone: on Node a tracked promise, on Workers `waitUntil`. */
export interface Background {
  defer(name: string, task: () => Promise<unknown>): void;
  /** Resolves once everything deferred so far (and anything it deferred) has finished. */
  idle(): Promise<void>;
}

export function createBackground(log: Logger): Background {
  const running = new Set<Promise<unknown>>();
  return {
    defer(name, task) {
      const p = Promise.resolve()
        .then(task)
        .catch((error: unknown) => log.error('background task failed', { task: name, error }))
        .finally(() => running.delete(p));
      running.add(p);
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
