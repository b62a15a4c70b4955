import { setFlagsFromString } from 'node:v8';
import cron from 'node-cron';
import { ConfigError, loadConfig } from '../config.js';
import { DatabaseInUseError } from '../db/pglite-lock.js';
import { openDatabase } from '../db/open-database.js';
import { findRosterGuide } from '../db/queries/people.js';
import { isRosterEmpty } from '../db/queries/roster.js';
import { seedDemoCounty } from '../domain/roster/seed-demo-county.js';
import { createLogger, type Logger } from '../log.js';
import { prepareDatabase } from './prepare-database.js';
import { startNodeServer } from './start-node-server.js';
import { sandboxTexts } from '../texts/sandbox-texts.js';

/**
 * Collect old garbage once the heap is 30% above what survived the last full collection, not
 * V8's default of up to several times: under a flood of webhooks the heap otherwise grew from
 * 130 to 250 MB of mostly garbage. Read at each collection, so setting it here takes effect.
 */
setFlagsFromString('--heap-growing-percent=30');

/** `npm start`: parse env, open and migrate the database, serve, schedule; stop cleanly on SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, { isCronExpression: cron.validate });
  const log = createLogger({ level: config.logLevel, base: { service: 'ducha' } });
  const started = performance.now();
  const database = await openDatabase(config);
  await prepareDatabase(database);

  const ducha = await startNodeServer({ config, database, log });
  let seeded = false;
  if (ducha.sandbox && (await isRosterEmpty(database.db))) {
    await seedDemoCounty(database.db, ducha.deps.clock.now());
    seeded = true;
  }
  log.info('ready', {
    url: ducha.url,
    database: database.kind,
    mode: ducha.sandbox ? 'sandbox' : 'lark',
    larkMode: config.larkMode,
    cron: config.cron,
    ms: Math.round(performance.now() - started),
  });
  // The banner is what the person at the terminal reads (logs stay on stderr).
  if (ducha.sandbox) process.stdout.write(sandboxTexts.banner(ducha.url, { seeded, guide: await findRosterGuide(database.db) }));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    await ducha.close();
    log.info('stopped');
    process.exit(0);
  };
  keepServingThroughDatabaseDrops(log);
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/**
 * postgres.js 3.4.9 can throw outside any promise we hold when Postgres drops a connection
 * mid-transaction (its internal ROLLBACK writes to the closed socket: porsager/postgres#1208),
 * and leaves an ECONNRESET rejection nobody awaits. The query that was running has already
 * failed through its own promise and the pool opens a new connection, so those are logged and
 * the server goes on; Lark re-sends what was not acknowledged. Anything else still stops the
 * process, as Node would.
 */
function keepServingThroughDatabaseDrops(log: Logger): void {
  const fromDatabaseConnection = (error: unknown) =>
    error instanceof Error &&
    (/node_modules\/postgres\//.test(error.stack ?? '') || ['ECONNRESET', 'EPIPE', 'CONNECTION_CLOSED', 'CONNECTION_ENDED'].includes(String((error as { code?: unknown }).code)));
  process.on('unhandledRejection', (error) => {
    log.error('unhandled rejection', { error });
    if (!fromDatabaseConnection(error)) process.exit(1);
  });
  process.on('uncaughtException', (error) => {
    log.error('uncaught exception', { error });
    if (!fromDatabaseConnection(error)) process.exit(1);
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseInUseError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`Ducha failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
