import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import cron from 'node-cron';
import { createApp } from '../app.js';
import { SettableClock, systemClock, type Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Deps } from '../deps.js';
import type { SendBudget } from '../lark/outbox/create-outbox-sender.js';
import { schedule } from '../jobs/schedule.js';
import { tick } from '../jobs/tick.js';
import { hasUndeliveredMessages } from '../db/queries/outbox.js';
import { buildDeps, larkSettingsFor } from './build-deps.js';
import { createFolderEvidenceStore } from '../db/evidence-folder-store.js';
import type { SandboxState } from '../lark/sandbox/sandbox-state.js';
import type { Logger } from '../log.js';
import { fileURLToPath } from 'node:url';
import { listRosterDirectory, readOutboxView } from '../db/queries/console-directory.js';
import { listClockMilestones } from '../domain/campaigns/clock-milestones.js';
import type { ConsoleSources } from '../lark/sandbox/console/console-sources.js';
import { consoleTexts } from '../texts/console-texts.js';
import { buildDemoChatMembers, buildDemoDirectory } from '../domain/roster/demo-county.js';
import { holdLongConnection, type LongConnectionHolder } from '../lark/long-connection/hold-long-connection.js';
import { openLongConnection } from '../lark/long-connection/long-connection.js';
import { createEventIntake } from '../lark/webhook/event-intake.js';

/** Where `npm run build` puts the console's browser script (this file sits two folders below the root, in src/ or dist/). */
const CONSOLE_BUNDLE_DIR = fileURLToPath(new URL('../../dist/console/', import.meta.url));

/** The roster, outbox and clock milestones the sandbox console shows, read from the app's database. */
function consoleSources(deps: Deps): ConsoleSources {
  const timezone = deps.config.timezone;
  return {
    timezone,
    people: () => listRosterDirectory(deps.db),
    outbox: (now) => readOutboxView(deps.db, { now, limit: 30 }),
    milestones: async (now) => (await listClockMilestones(deps.db, now, timezone)).map((m) => ({ label: consoleTexts.milestone(m), at: m.at })),
  };
}

export type RunningDucha = {
  url: string;
  deps: Deps;
  sandbox: SandboxState | undefined;
  /** Stops taking requests, finishes what is in flight (outbox sends too), closes the database. */
  close(): Promise<void>;
};

/**
 * Serves Ducha on Node: one database pool, the outbox pump, node-cron calling the schedule.
 * Without a Lark app it also serves the local Lark sandbox, which the real SDK client talks to.
 */
/**
 * Sends what is due, alongside the pump (which may hold some rows in flight), until nothing due is
 * left unsent or 30 s pass: what a person expects after pressing "tick" in the sandbox.
 */
async function deliverEverythingDue(deps: Deps): Promise<{ sent: number; settled: boolean }> {
  const deadline = Date.now() + 30_000;
  let sent = 0;
  while (Date.now() < deadline) {
    sent += (await deps.outbox.drain({ budgetMs: deadline - Date.now() })).sent;
    if (!(await hasUndeliveredMessages(deps.db, deps.clock.now()))) return { sent, settled: true };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return { sent, settled: false };
}

export async function startNodeServer(options: {
  config: Config;
  database: Database;
  log: Logger;
  clock?: Clock;
  pumpIntervalMs?: number;
  /** Tests that are not about pacing may send faster than Lark allows (the sandbox does not mind). */
  sendBudget?: SendBudget;
  /** LARK_MODE=ws: tests shorten the lease (how soon another instance takes over) and the ping timeout. */
  longConnection?: { leaseMs?: number; pingTimeoutSec?: number };
}): Promise<RunningDucha> {
  const { config, database, log } = options;
  const clock =
    options.clock ?? (config.lark && !config.sandboxClockStart ? systemClock : new SettableClock(config.sandboxClockStart));
  // Loaded only in sandbox mode: a real county's server carries no fake Lark.
  const sandboxModule = config.lark ? undefined : await import('../lark/sandbox/in-process-sandbox.js');
  const sandbox = sandboxModule ? new sandboxModule.SandboxState(clock) : undefined;
  // The sandbox's tenant: the demo county's people, whom a roster may name by mobile or email.
  sandbox?.addUsers(buildDemoDirectory().map((p) => ({ open_id: p.openId, mobile: p.mobile, email: p.email, in_scope: true })));

  let handler: ((request: Request) => Response | Promise<Response>) | undefined;
  const server = await listen(config, (request) => (handler ? handler(request) : new Response('starting', { status: 503 })));
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const deps = buildDeps({
    db: database.db,
    config,
    log,
    clock,
    lark: larkSettingsFor(config, url),
    ...(options.sendBudget ? { sendBudget: options.sendBudget } : {}),
    outbox: { kind: 'pump', ...(options.pumpIntervalMs !== undefined ? { pollMs: options.pumpIntervalMs } : {}) },
    evidence: createFolderEvidenceStore(config.evidenceDir),
  });
  if (sandbox) {
    sandbox.appUrl = url;
    // Lark knows who is in each chat: the demo county's chats, for 「群成员」 to list.
    for (const [chatId, members] of buildDemoChatMembers()) sandbox.addChatMembers(chatId, members);
  }
  // LARK_MODE=ws without a Lark app: the sandbox serves a long-connection endpoint too, and pushes there.
  if (sandbox && sandboxModule && config.larkMode === 'ws') {
    sandbox.longConnection = await sandboxModule.startWsEndpointFake({ appId: deps.lark.settings.appId, appSecret: deps.lark.settings.appSecret });
  }
  const sandboxRoutes = sandbox && sandboxModule?.createInProcessSandbox(sandbox, {
    clock,
    // A person who ticks then looks at the chats expects to see what the tick sent: deliver it first.
    tick: async () => ({ ...(await tick(deps)), delivered: await deliverEverythingDue(deps) }),
    console: { sources: consoleSources(deps), bundleDir: CONSOLE_BUNDLE_DIR },
  });
  const larkConnection = config.larkMode === 'ws' ? startLongConnection(deps, options.longConnection) : undefined;
  handler = createApp(deps, {
    ...(sandboxRoutes ? { sandboxRoutes } : {}),
    ...(larkConnection ? { larkConnection: () => larkConnection.report() } : {}),
  }).fetch;
  // Who the bot is, asked once now (it tells group messages for the bot from the rest); a failure
  // is logged and asked again at the first group message, so Lark being down does not stop the start.
  deps.background.defer('learn bot identity', () => deps.lark.bot.openId().catch(() => undefined));

  const tasks = config.cron
    ? schedule.map((job) =>
        cron.schedule(
          job.cron(config),
          async () => {
            try {
              await job.run(deps);
            } catch (error) {
              log.error('scheduled job failed', { job: job.name, error });
            }
          },
          { name: job.name, timezone: config.timezone, noOverlap: true },
        ),
      )
    : [];

  return {
    url,
    deps,
    sandbox,
    async close() {
      for (const task of tasks) await task.destroy();
      // No new events first: what is pushed from now on goes to another instance, or waits for the next start.
      await larkConnection?.stop();
      await sandbox?.longConnection?.close();
      sandbox?.close();
      // The console's event streams end with the sandbox, and their connections turn idle just
      // after: closed as they do, rather than waited out for the keep-alive timeout (5 s).
      const idle = setInterval(() => 'closeIdleConnections' in server && server.closeIdleConnections(), 50);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      clearInterval(idle);
      await deps.background.idle();
      await deps.outbox.stop();
      await database.close();
    },
  };
}

/** Lark's long connection, held by whichever instance has the lease; events go to the webhook's intake. */
function startLongConnection(deps: Deps, o: { leaseMs?: number; pingTimeoutSec?: number } = {}): LongConnectionHolder {
  const intake = createEventIntake(deps);
  // Lark answers a ping at once; 20 s without a word means the connection is gone though no one closed it.
  const pingTimeoutSec = o.pingTimeoutSec ?? 20;
  return holdLongConnection(deps, {
    open: () => openLongConnection(deps, { intake, pingTimeoutSec }),
    ...(o.leaseMs !== undefined ? { leaseMs: o.leaseMs } : {}),
  });
}

function listen(config: Config, fetch: (request: Request) => Response | Promise<Response>): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: config.port, hostname: config.host }, () => resolve(server));
    server.once('error', reject);
  });
}
