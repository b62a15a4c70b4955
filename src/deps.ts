import type { Background } from './background.js';
import type { Clock } from './clock.js';
import type { Config, LarkSettings } from './config.js';
import type { Db } from './db/client.js';
import type { LarkClient } from './lark/lark-client.js';
import type { Logger } from './log.js';

/** The one dependency bag: built by an entry, passed to everything, never imported as a singleton. */
export type Deps = {
  db: Db;
  lark: { client: LarkClient; settings: LarkSettings };
  clock: Clock;
  config: Config;
  log: Logger;
  background: Background;
  /** Asks the outbox sender to look for new rows now rather than at its next poll. */
  deliverSoon(): void;
};
