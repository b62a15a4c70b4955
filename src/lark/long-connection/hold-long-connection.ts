import { randomUUID } from 'node:crypto';
import { releaseLease, renewLease, takeLease } from '../../db/queries/sender-lease.js';
import type { Deps } from '../../deps.js';
import type { ConnectionState, LongConnection } from './long-connection.js';

/** The lease row's name (in sender_lease, beside the outbox's). */
const LONG_CONNECTION_LEASE = 'lark-ws';
/** A holder that dies is replaced within this long; the holder renews, and the others ask, three times as often. */
export const LONG_CONNECTION_LEASE_MS = 15_000;
/** How long the holder may be without a connection (reconnecting) before /readyz answers 503. */
export const UNREADY_AFTER_MS = 60_000;

/** What /readyz tells: the SDK's state, or `standby` while another instance holds the connection. */
export type LongConnectionReport = { state: ConnectionState | 'standby'; ready: boolean };

export type LongConnectionHolder = {
  report(): LongConnectionReport;
  /** Closes the connection (if held) and gives the lease back, so another instance connects at once. */
  stop(): Promise<void>;
};

/**
 * Lark spreads an app's events over all its open connections, so a second process with the same
 * credentials (another instance, a developer's laptop) would take a share of them. One instance
 * holds the connection: the one with the `lark-ws` lease; the others ask for it every few
 * seconds and take over when the holder stops renewing it (it died) or gives it back (it stopped).
 */
export function holdLongConnection(deps: Deps, o: { open: () => LongConnection; leaseMs?: number }): LongConnectionHolder {
  const leaseMs = o.leaseMs ?? LONG_CONNECTION_LEASE_MS;
  const holder = randomUUID();
  let connection: LongConnection | undefined;
  let renewedAt = 0;
  /** Since when the held connection has not been open (undefined while it is). */
  let downSince: number | undefined;
  let stopped = false;
  let stepping: Promise<void> | undefined;

  const letGo = (why: string, error?: unknown) => {
    connection?.close();
    connection = undefined;
    deps.log.warn('lark long connection handed over', { why, ...(error ? { error } : {}) });
  };

  /** Notes when the held connection went down, for report(). */
  const observe = (): ConnectionState | undefined => {
    const state = connection?.state();
    if (state === 'connected') downSince = undefined;
    else if (state) downSince ??= performance.now();
    return state;
  };

  async function step(): Promise<void> {
    const startedAt = performance.now();
    observe();
    try {
      if (connection) {
        if (await renewLease(deps.db, LONG_CONNECTION_LEASE, holder, leaseMs)) renewedAt = startedAt;
        else letGo('another instance holds the lease');
      } else if (await takeLease(deps.db, LONG_CONNECTION_LEASE, holder, leaseMs)) {
        if (stopped) return;
        renewedAt = startedAt;
        downSince = performance.now();
        connection = o.open();
        connection.start();
        deps.log.info('lark long connection lease taken', { holder });
      }
    } catch (error) {
      // The database does not answer: past the lease another instance may connect, so this one lets go.
      if (connection && performance.now() - renewedAt >= leaseMs) letGo('the lease could not be renewed', error);
      else deps.log.warn('lark long connection lease check failed', { error });
    }
  }

  const tick = () => {
    if (stepping || stopped) return;
    stepping = step().finally(() => (stepping = undefined));
  };
  tick();
  const timer = setInterval(tick, leaseMs / 3);
  timer.unref();

  return {
    report() {
      const state = observe();
      if (!state) return { state: 'standby', ready: true };
      const ready = state === 'connected' || (state !== 'failed' && performance.now() - (downSince ?? 0) < UNREADY_AFTER_MS);
      return { state, ready };
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await stepping;
      connection?.close();
      connection = undefined;
      // Always: a step that took the lease just as this stop began has not opened a connection.
      await releaseLease(deps.db, LONG_CONNECTION_LEASE, holder).catch(() => {});
    },
  };
}
