import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../log.js';

export type CliContext = {
  config: Config;
  log: Logger;
  /** Opens (and migrates) the database on first use, so `help` needs none. */
  database(): Promise<Database>;
  /** Results only: what a script would pipe on. */
  out(text: string): void;
  /** Notices for the person at the terminal. */
  err(text: string): void;
};

export type CliCommand = {
  name: string;
  usage: string;
  summary: string;
  /** What `COMMAND --help` prints; without it, the usage line and the summary. */
  help?: string;
  /** Returns the process exit code. */
  run(args: string[], ctx: CliContext): Promise<number>;
};
