import cron from 'node-cron';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config.js';
import { DatabaseInUseError } from '../db/pglite-lock.js';
import { openDatabase } from '../db/open-database.js';
import type { Database } from '../db/database.js';
import { createLogger } from '../log.js';
import { prepareDatabase } from '../entry/prepare-database.js';
import type { CliCommand, CliContext } from './cli-command.js';
import { assessmentCommand } from './commands/assessment.js';
import { auditCommand } from './commands/audit.js';
import { calendarCommand } from './commands/calendar.js';
import { campaignsCommand } from './commands/campaigns.js';
import { evidenceCommand } from './commands/evidence.js';
import { exportCommand } from './commands/export.js';
import { frameworkCommand } from './commands/framework.js';
import { generateCommand } from './commands/generate.js';
import { importRosterCommand } from './commands/import-roster.js';
import { importStudentsCommand } from './commands/import-students.js';
import { migrateCommand } from './commands/migrate.js';
import { outboxCommand } from './commands/outbox.js';
import { purgeCommand } from './commands/purge.js';
import { seedDemoCommand } from './commands/seed-demo.js';
import { statusCommand } from './commands/status.js';
import { tickCommand } from './commands/tick.js';
import { cliTexts } from '../texts/cli-texts.js';

const commands: readonly CliCommand[] = [
  migrateCommand,
  importRosterCommand,
  importStudentsCommand,
  seedDemoCommand,
  generateCommand,
  tickCommand,
  exportCommand,
  assessmentCommand,
  campaignsCommand,
  frameworkCommand,
  evidenceCommand,
  calendarCommand,
  statusCommand,
  outboxCommand,
  auditCommand,
  purgeCommand,
];

function usage(): string {
  return [cliTexts.usageHeader, '', ...commands.map(listingLine), '', cliTexts.helpFooter].join('\n');
}

/** A usage too long for the column puts its summary on the next line, still aligned. */
const listingLine = (c: CliCommand) => (c.usage.length <= 36 ? `  ${c.usage.padEnd(36)} ${c.summary}` : `  ${c.usage}\n  ${' '.repeat(36)} ${c.summary}`);

const wantsHelp = (arg: string | undefined) => arg === 'help' || arg === '--help' || arg === '-h';

/** `COMMAND --help` and `help COMMAND`: the command's own page, else its usage and summary. */
function helpOf(command: CliCommand): string {
  return command.help ?? `${cliTexts.usage(command.usage)}\n\n${command.summary}`;
}

/** The admin command line: results on stdout, logs and notices on stderr. */
async function main(argv: string[]): Promise<number> {
  // A bad value in an admin's file is explained in the CLI's language (zod's own messages included).
  z.config(z.locales.zhCN());
  const [name, ...args] = argv;
  const command = commands.find((c) => c.name === (wantsHelp(name) && args[0] ? args[0] : name));
  if (!command) {
    const askedForHelp = !name || (wantsHelp(name) && !args[0]);
    // Asked-for help is the command's result; an unknown command is an error with a hint.
    if (askedForHelp) process.stdout.write(`${usage()}\n`);
    else process.stderr.write(`${cliTexts.unknownCommand(wantsHelp(name) ? args[0]! : name!)}\n\n${usage()}\n`);
    return askedForHelp ? 0 : 2;
  }
  if (wantsHelp(name) || args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${helpOf(command)}\n`);
    return 0;
  }
  const config = loadConfig(process.env, { isCronExpression: cron.validate });
  const log = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, base: { service: 'ducha-cli', command: name } });
  let database: Database | undefined;
  const ctx: CliContext = {
    config,
    log,
    async database() {
      if (!database) {
        database = await openDatabase(config);
        await prepareDatabase(database);
      }
      return database;
    },
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  };
  try {
    return await command.run(args, ctx);
  } catch (error) {
    // node:util parseArgs refuses an unknown or malformed flag: a usage error, not a crash.
    if (!String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')) throw error;
    ctx.err(`${cliTexts.badArgs((error as Error).message)}\n${cliTexts.usage(command.usage)}`);
    return 2;
  } finally {
    await database?.close();
  }
}

// `npm run cli -- export … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) process.stderr.write(`${cliTexts.configInvalid(error.problems)}\n`);
    else if (error instanceof DatabaseInUseError) process.stderr.write(`${cliTexts.databaseInUse(error.dataDir, error.holder)}\n`);
    else process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
