import { hasDueMessages } from '../db/queries/outbox.js';
import type { Deps } from '../deps.js';
import { deliverDueMessages, type DeliveryReport } from './deliver-outbox.js';
import { takeSenderLease } from './sender-lease.js';

export const LEFT_TO_THE_SENDER = 'left to the running sender';

/**
 * One drain of the outbox as the app's sender, for runtimes without a long-lived pump: a Worker
 * invocation, the CLI's tick. Another instance that is sending already keeps the job.
 *
 * After giving the lease back it looks once more: a row queued by an instance that found the
 * lease taken while this drain was finishing would otherwise wait for the next trigger.
 */
export async function drainOutboxAsSender(
  deps: Deps,
  options: { budgetMs: number; now?: Date },
): Promise<DeliveryReport | typeof LEFT_TO_THE_SENDER> {
  const outOfTime = AbortSignal.timeout(options.budgetMs);
  let total: DeliveryReport | undefined;
  do {
    const lease = await takeSenderLease(deps.db);
    if (!lease) break;
    try {
      const report = await deliverDueMessages(deps, options.now, { stop: AbortSignal.any([outOfTime, lease.lost]) });
      total = total ? add(total, report) : report;
    } finally {
      await lease.release();
    }
  } while (!outOfTime.aborted && (await hasDueMessages(deps.db, options.now ?? deps.clock.now())));
  return total ?? LEFT_TO_THE_SENDER;
}

function add(a: DeliveryReport, b: DeliveryReport): DeliveryReport {
  return { sent: a.sent + b.sent, retrying: a.retrying + b.retrying, dead: a.dead + b.dead, released: a.released + b.released };
}
