import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import { releaseLease, renewLease, takeLease } from '../../db/queries/sender-lease.js';

const OUTBOX_SENDER = 'outbox';
/** A sender that dies is replaced within this long; a live one renews three times as often. */
export const SENDER_LEASE_MS = 15_000;

export type SenderLease = {
  /** Aborted once the lease is lost (another instance took it after renewals failed): stop sending. */
  lost: AbortSignal;
  release(): Promise<void>;
};

/**
 * Makes the caller the app's one outbox sender if nobody else is, and keeps renewing that in
 * the background until released. Undefined when another instance is the sender.
 */
export async function takeSenderLease(db: Db, options: { ttlMs?: number; holder?: string } = {}): Promise<SenderLease | undefined> {
  const ttlMs = options.ttlMs ?? SENDER_LEASE_MS;
  const holder = options.holder ?? randomUUID();
  if (!(await takeLease(db, OUTBOX_SENDER, holder, ttlMs))) return undefined;

  const lost = new AbortController();
  let renewedAt = performance.now();
  let renewing: Promise<void> | undefined;
  let released = false;
  const renew = async () => {
    const startedAt = performance.now();
    try {
      if (await renewLease(db, OUTBOX_SENDER, holder, ttlMs)) renewedAt = startedAt;
      else if (!released) lost.abort(new Error('another instance is now the outbox sender'));
    } catch (error) {
      // The database does not answer: past the ttl the lease is up for grabs, so stop sending.
      if (performance.now() - renewedAt >= ttlMs) lost.abort(error);
    }
  };
  const timer = setInterval(() => {
    if (renewing || released) return;
    renewing = renew().finally(() => (renewing = undefined));
  }, ttlMs / 3);
  (timer as { unref?: () => void }).unref?.();
  lost.signal.addEventListener('abort', () => clearInterval(timer));

  return {
    lost: lost.signal,
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      // A renewal under way finishes first, so the release is the last word.
      await renewing;
      await releaseLease(db, OUTBOX_SENDER, holder).catch(() => {});
    },
  };
}
