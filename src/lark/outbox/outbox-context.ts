import type { Clock } from '../../clock.js';
import type { Db } from '../../db/database.js';
import type { Logger } from '../../log.js';
import type { LarkClient } from '../lark-client.js';
import type { SendRateLimiter } from './send-rate-limiter.js';

/** What every drain of one sender works with: its parts, and the state its drains share. */
export type OutboxContext = {
  db: Db;
  client: LarkClient;
  clock: Clock;
  log: Logger;
  /** Where the dead-letter alert's day and sending window are counted. */
  timezone: string;
  /** The app's send budget in this process (an isolate's, on Workers). */
  limiter: SendRateLimiter;
  /**
   * Targets some drain of this sender holds rows for (count per target). Another drain (a test's
   * or the CLI's beside the pump) leaves them alone, so a chat's messages go one at a time, in order.
   */
  heldTargets: Map<string, number>;
  /** Runs claims one after another: a claim must see the targets another drain just took. */
  claimInTurn<T>(task: () => Promise<T>): Promise<T>;
};
