import { createBackground, type Background } from '../background.js';
import type { Clock } from '../clock.js';
import type { Config, LarkSettings } from '../config.js';
import type { Db } from '../db/client.js';
import type { Deps } from '../deps.js';
import { setSendLimits } from '../jobs/rate-limiter.js';
import { createLarkClient, type LarkClient } from '../lark/lark-client.js';
import { SANDBOX_CREDENTIALS } from '../lark/sandbox/sandbox-state.js';
import type { Logger } from '../log.js';

/** The real Lark app, or in sandbox mode the local sandbox served at `sandboxUrl`. */
export function larkSettingsFor(config: Config, sandboxUrl: string): LarkSettings {
  return config.lark ?? { ...SANDBOX_CREDENTIALS, domain: sandboxUrl };
}

export function buildDeps(o: {
  db: Db;
  config: Config;
  log: Logger;
  clock: Clock;
  lark: LarkSettings;
  /** A client to reuse (its token and send budget with it); else a new one. */
  larkClient?: LarkClient;
  background?: Background;
}): Deps & { setDeliverSoon(fn: () => void): void } {
  let deliverSoon = () => {};
  const client = o.larkClient ?? createLarkClient(o.lark, o.log);
  setSendLimits(client, o.config.sendLimits);
  return {
    db: o.db,
    lark: { client, settings: o.lark },
    clock: o.clock,
    config: o.config,
    log: o.log,
    background: o.background ?? createBackground(o.log),
    deliverSoon: () => deliverSoon(),
    setDeliverSoon(fn) {
      deliverSoon = fn;
    },
  };
}
