import type { Background } from './background.js';
import type { Clock } from './clock.js';
import type { Config, LarkSettings } from './config.js';
import type { Db } from './db/database.js';
import type { LarkClient } from './lark/lark-client.js';
import type { OutboxSender } from './lark/outbox/create-outbox-sender.js';
import type { Logger } from './log.js';

/** The one dependency bag: built by an entry, passed to everything, never imported as a singleton. */
export type Deps = {
  db: Db;
  lark: { client: LarkClient; settings: LarkSettings };
  /** The only way out: verbs queue rows, then ask the sender to deliver them soon. */
  outbox: OutboxSender;
  clock: Clock;
  config: Config;
  log: Logger;
  background: Background;
};
