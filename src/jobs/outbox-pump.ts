import type { Deps } from '../deps.js';
import { deliverDueMessages } from './deliver-outbox.js';
import type { SenderLease } from './sender-lease.js';

export type OutboxPump = { kick(): void; stop(): Promise<void> };

/**
 * Keeps the outbox drained while the server runs: a poll picks up rows written by other processes
 * (the CLI's tick), a kick sends our own rows at once. One drain at a time per process.
 *
 * Lark's limits are per app, so with `sender` only the instance holding the sender lease sends;
 * the others stand by, and one takes over when the sender gives the lease back (a stop) or stops
 * renewing it (a crash). One sender at Lark's pace is all the app may use anyway.
 */
export function startOutboxPump(
  deps: Deps,
  options: { intervalMs?: number; sender?: () => Promise<SenderLease | undefined> } = {},
): OutboxPump {
  const intervalMs = options.intervalMs ?? 1000;
  let lease: SenderLease | undefined;
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
          const sender = await beTheSender();
          if (!sender) return;
          const stop = sender.lost ? AbortSignal.any([stopping.signal, sender.lost]) : stopping.signal;
          await deliverDueMessages(deps, undefined, { stop });
        } catch (error) {
          deps.log.error('outbox drain failed', { job: 'outbox', error });
        }
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
  };

  /** Whether this process is the sender now (always, without a lease to coordinate). */
  async function beTheSender(): Promise<{ lost?: AbortSignal } | undefined> {
    if (!options.sender) return {};
    if (lease && !lease.lost.aborted) return lease;
    lease = await options.sender();
    if (lease) deps.log.info('this instance is now the outbox sender', { job: 'outbox' });
    return lease;
  }

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
      await lease?.release();
    },
  };
}
