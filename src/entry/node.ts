import cron from 'node-cron';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { isRosterEmpty, seedDemoCounty } from '../domain/roster/seed-demo-county.js';
import { createLogger } from '../log.js';
import { prepareDatabase } from '../runtime/prepare-database.js';
import { startNodeServer } from '../runtime/start-node-server.js';
import { sandboxTexts } from '../texts/sandbox-texts.js';

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
    cron: config.cron,
    ms: Math.round(performance.now() - started),
  });
  if (ducha.sandbox) process.stderr.write(sandboxTexts.banner(ducha.url, seeded));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    await ducha.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`Ducha failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
