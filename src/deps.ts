import type { Background } from './background.js';
import type { Clock } from './clock.js';
import type { Config, LarkSettings } from './config.js';
import type { Db } from './db/database.js';
import type { EvidenceStore } from './db/evidence-store.js';
import type * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from './log.js';

/** The one dependency bag: built by an entry, passed to everything, never imported as a singleton. */
export type Deps = {
  db: Db;
  /** `bot.openId()`: the bot's own open_id (from bot/v3/info, kept), to tell whom a group message is for. */
  lark: { client: lark.Client; settings: LarkSettings; bot: { openId(): Promise<string> } };
  /** The only way out: verbs queue rows, then ask the sender to deliver them soon. */
  outbox: OutboxSender;
  clock: Clock;
  config: Config;
  log: Logger;
  background: Background;
  /**
   * Where evidence photos and files are kept (a folder on Node; the EVIDENCE R2 bucket on
   * Workers). Absent (a Worker with no bucket bound): uploads are answered that they need one.
   */
  evidence?: EvidenceStore;
};

/** What a drain did; `sender: 'another instance'` when another instance holds the lease and sends these rows. */
export type DrainReport = { sent: number; retrying: number; dead: number; released: number; sender: 'this instance' | 'another instance' };

/** The only way out (lark/outbox/create-outbox-sender.ts makes it): verbs queue rows, this sends them. */
export type OutboxSender = {
  /** Rows were just queued: send them now rather than at the next poll. */
  deliverSoon(): void;
  /**
   * Sends what is due by `now` (default: the clock at each claim) as the app's one sender: with
   * the lease this sender holds, or takes for the drain. `budgetMs` bounds it; `stop` ends it early.
   */
  drain(options?: { now?: Date; budgetMs?: number; stop?: AbortSignal }): Promise<DrainReport>;
  /** Finishes the requests in flight, gives back rows claimed but not sent, releases the lease. */
  stop(): Promise<void>;
};
