import type { Config } from '../config.js';
import type { Deps } from '../deps.js';
import { tick } from './tick.js';

export type ScheduledJob = { name: string; cron(config: Config): string; run(deps: Deps): Promise<unknown> };

/**
 * When each job runs. Everything time-based is decided inside `tick` from the data, so the
 * trigger only has to call it often; a missed minute is caught up on the next.
 */
export const schedule: readonly ScheduledJob[] = [{ name: 'tick', cron: (config) => config.tickCron, run: (deps) => tick(deps) }];
