import { createBackground } from '../../background.js';
import { systemClock, type Clock } from '../../clock.js';
import { createBucketEvidenceStore, type EvidenceBucket } from '../../db/evidence-bucket-store.js';
import { openPostgres } from '../../db/open-postgres.js';
import type { Deps } from '../../deps.js';
import { createBotIdentity, type BotIdentity } from '../../lark/bot-identity.js';
import { createLarkClient, type LarkClient } from '../../lark/lark-client.js';
import { createSendBudget, type SendBudget } from '../../lark/outbox/create-outbox-sender.js';
import { createLogger, type Logger } from '../../log.js';
import { buildDeps } from '../build-deps.js';
import type { WorkerConfig } from './load-worker-config.js';

/**
 * Kept per isolate on purpose: the SDK client holds the tenant token (one token call per
 * isolate, not per request), the send budget, and who the bot is (asked of Lark at the first
 * group message, then kept). Nothing else outlives a request.
 */
const larkClients = new Map<string, IsolateLark>();
type IsolateLark = { client: LarkClient; sendBudget: SendBudget; botIdentity: BotIdentity };
/** Sandbox clock only: when this isolate first ran, so its clock runs on from DUCHA_SANDBOX_CLOCK. */
let firstRunAt: number | undefined;

/** What one request or scheduled event works with: its own database client, and the rest of the bag. */
export type Invocation = {
  deps: Deps;
  /** Waits for the work deferred past the answer (event handling, sending), then closes the database. */
  finish(): Promise<void>;
};

/**
 * Opens the dependency bag for one Worker invocation. A postgres.js client per invocation (a
 * Worker cannot keep sockets between requests; Hyperdrive pools them), with a small `max`.
 * Messages the work queues go out before the invocation ends, from whichever instance holds
 * the sender lease: at most `sendBudgetMs` of sending here. Evidence goes in `evidenceBucket`
 * (the EVIDENCE R2 binding); without one, uploads are answered that they need the Node deployment.
 */
export function openInvocation(config: WorkerConfig, options: { sendBudgetMs: number; evidenceBucket?: EvidenceBucket | undefined }): Invocation {
  const log = createLogger({ level: config.logLevel, base: { service: 'ducha', runtime: 'worker' }, write: (line) => console.log(line) });
  const database = openPostgres(config.databaseUrl, { max: 5 });
  const background = createBackground(log);
  const { client, sendBudget, botIdentity } = larkClientFor(config, log);
  const deps = buildDeps({
    db: database.db,
    config,
    log,
    clock: clockFor(config),
    lark: config.lark,
    larkClient: client,
    sendBudget,
    botIdentity,
    background,
    // One drain per invocation at a time: it looks again for new rows before it gives the lease back.
    outbox: { kind: 'on-demand', budgetMs: options.sendBudgetMs },
    ...(options.evidenceBucket ? { evidence: createBucketEvidenceStore(options.evidenceBucket) } : {}),
  });
  return {
    deps,
    async finish() {
      try {
        await background.idle();
      } finally {
        await database.close();
      }
    },
  };
}

function larkClientFor(config: WorkerConfig, log: Logger): IsolateLark {
  const key = JSON.stringify({ lark: config.lark, limits: config.sendLimits });
  let kept = larkClients.get(key);
  if (!kept) {
    const client = createLarkClient(config.lark, log);
    larkClients.set(key, (kept = { client, sendBudget: createSendBudget(config.sendLimits), botIdentity: createBotIdentity(client, log) }));
  }
  return kept;
}

function clockFor(config: WorkerConfig): Clock {
  const start = config.sandboxClockStart;
  if (!start) return systemClock;
  // Read at the first request, not at import: a Worker's clock stands at 0 while it loads.
  firstRunAt ??= Date.now();
  const offset = start.getTime() - firstRunAt;
  return { now: () => new Date(Date.now() + offset) };
}
