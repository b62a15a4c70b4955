import { createBackground, type Background } from '../background.js';
import type { Clock } from '../clock.js';
import type { Config, LarkSettings } from '../config.js';
import type { Db } from '../db/database.js';
import type { EvidenceStore } from '../db/evidence-store.js';
import type { Deps } from '../deps.js';
import { createBotIdentity, type BotIdentity } from '../lark/bot-identity.js';
import { createContactLookup } from '../lark/contact-lookup.js';
import { createLarkClient, type LarkClient } from '../lark/lark-client.js';
import { createOutboxSender, type OutboxMode, type SendBudget } from '../lark/outbox/create-outbox-sender.js';
import { SANDBOX_CREDENTIALS } from '../lark/sandbox/sandbox-credentials.js';
import type { Logger } from '../log.js';

/** The real Lark app, or in sandbox mode the local sandbox served at `sandboxUrl`. */
export function larkSettingsFor(config: Config, sandboxUrl: string): LarkSettings {
  return config.lark ?? { ...SANDBOX_CREDENTIALS, domain: sandboxUrl };
}

/**
 * Lark's contact directory (mobile or email → open_id) for the CLI's roster import: the app's, or
 * in sandbox mode the one of the sandbox served at `sandboxUrl`.
 */
export function buildContactLookup(o: { config: Config; log: Logger; sandboxUrl: string }) {
  return createContactLookup(createLarkClient(larkSettingsFor(o.config, o.sandboxUrl), o.log));
}

/** The bag every entry hands on: one outbox sender in it, sending as `outbox` says. */
export function buildDeps(o: {
  db: Db;
  config: Config;
  log: Logger;
  clock: Clock;
  lark: LarkSettings;
  outbox: OutboxMode;
  /** A client and send budget to reuse (a Worker isolate's: its token and spent budget with them); else new ones. */
  larkClient?: LarkClient;
  sendBudget?: SendBudget;
  /** Who the bot is, once asked (a Worker isolate's, kept with its client); else asked anew on first need. */
  botIdentity?: BotIdentity;
  background?: Background;
  /** Where evidence bytes go: a folder on Node; on Workers the EVIDENCE bucket, when one is bound. */
  evidence?: EvidenceStore;
}): Deps {
  const client = o.larkClient ?? createLarkClient(o.lark, o.log);
  const background = o.background ?? createBackground(o.log);
  const outbox = createOutboxSender(
    { db: o.db, client, clock: o.clock, log: o.log, timezone: o.config.timezone, budget: o.sendBudget ?? o.config.sendLimits, background },
    o.outbox,
  );
  const bot = o.botIdentity ?? createBotIdentity(client, o.log);
  return { db: o.db, lark: { client, settings: o.lark, bot }, outbox, clock: o.clock, config: o.config, log: o.log, background, ...(o.evidence ? { evidence: o.evidence } : {}) };
}
