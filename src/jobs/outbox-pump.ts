import type { Deps } from '../deps.js';
import { deliverDueMessages } from './deliver-outbox.js';

export type OutboxPump = { kick(): void; stop(): Promise<void> };

/**
 * Keeps the outbox drained while the server runs: a poll picks up rows written by other processes
 * (the CLI's tick), a kick sends our own rows at once. One drain at a time per process.
 */
export function startOutboxPump(deps: Deps, intervalMs = 1000): OutboxPump {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const stopping = new AbortController();

  const drain = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await deliverDueMessages(deps, undefined, { stop: stopping.signal });
        } catch (error) {
          deps.log.error('outbox drain failed', { job: 'outbox', error });
        }
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
  };

  const timer = setInterval(drain, intervalMs);
  timer.unref();
  return {
    kick: () => {
      if (!stopped) drain();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      // Requests already sent are finished and recorded; rows claimed but not yet sent (a long
      // backlog drains at Lark's pace) are given back rather than making shutdown wait for them.
      stopping.abort();
      await running;
    },
  };
}
