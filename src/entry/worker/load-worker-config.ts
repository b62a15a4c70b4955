import { ConfigError, loadConfig, type Config, type LarkSettings } from '../../config.js';
import type { WorkerEnv } from './cloudflare-types.js';

export type WorkerConfig = Config & { databaseUrl: string; lark: LarkSettings };

/**
 * The same zod settings as on Node, read from the Worker's vars and secrets; the database comes
 * from the Hyperdrive binding. What Node could default (PGlite on disk, the built-in Lark
 * sandbox) a Worker cannot, so those are required, and named with every other problem at once.
 */
export function loadWorkerConfig(env: WorkerEnv): WorkerConfig {
  const settings = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const hyperdrive = env.HYPERDRIVE?.connectionString;
  const problems: string[] = [];
  let config: Config | undefined;
  try {
    config = loadConfig(hyperdrive ? { ...settings, DATABASE_URL: hyperdrive } : settings);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (!hyperdrive && !settings.DATABASE_URL) {
    problems.push('HYPERDRIVE binding is missing (or set DATABASE_URL): a Worker has no disk for the embedded database');
  }
  if (!settings.LARK_APP_ID) {
    problems.push('LARK_APP_ID is required on Workers (wrangler secret put LARK_APP_ID): the local Lark sandbox runs under Node, with npm start');
  }
  if (settings.LARK_MODE === 'ws') {
    problems.push("LARK_MODE=ws needs a process that stays up to hold Lark's long connection, which a Worker is not: use LARK_MODE=webhook on Workers, or run Ducha on Node (npm start) for ws");
  }
  if (problems.length > 0 || !config) throw new ConfigError([...new Set(problems)]);
  return config as WorkerConfig;
}
