import type { HeldLock } from '../db/client.js';
import type { Deps } from '../deps.js';
import { deliverDueMessages } from './deliver-outbox.js';

/** The advisory lock naming the one process that sends for the app. */
export const SENDER_LOCK = 7_210_002;

export type OutboxPump = { kick(): void; stop(): Promise<void> };

/**
 * Keeps the outbox drained while the server runs: a poll picks up rows written by other processes
 * (the CLI's tick), a kick sends our own rows at once. One drain at a time per process.
 *
 * Lark's limits are per app, so with `senderLock` only the instance holding it sends; the others
 * stand by and one takes over within a poll when the sender's connection goes (a crash, a stop).
 * One sender at Lark's pace is all the app may use anyway.
 */
export function startOutboxPump(
  deps: Deps,
  options: { intervalMs?: number; senderLock?: () => Promise<HeldLock | undefined> } = {},
): OutboxPump {
  const intervalMs = options.intervalMs ?? 1000;
  let held: HeldLock | undefined;
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
          if (!(await holdSenderLock())) return;
          await deliverDueMessages(deps, undefined, { stop: stopping.signal });
        } catch (error) {
          deps.log.error('outbox drain failed', { job: 'outbox', error });
        }
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
  };

  /** True while this process is the sender (always, without a lock to coordinate). */
  async function holdSenderLock(): Promise<boolean> {
    if (!options.senderLock) return true;
    if (held && (await held.stillHeld())) return true;
    held = await options.senderLock();
    if (held) deps.log.info('this instance is now the outbox sender', { job: 'outbox' });
    return held !== undefined;
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
      await held?.release();
    },
  };
}
