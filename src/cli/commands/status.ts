import { parseArgs } from 'node:util';
import { listUpcomingEvents } from '../../domain/campaigns/upcoming-events.js';
import { formatLocal } from '../../domain/time/zoned-time.js';
import type { CliCommand } from '../cli-command.js';

export const statusCommand: CliCommand = {
  name: 'status',
  usage: 'status [--at ISO-8601]',
  summary: 'the next scheduled events: round openings and reminders, in local time',
  async run(args, ctx) {
    const { values } = parseArgs({ args, options: { at: { type: 'string' } } });
    const now = values.at ? new Date(values.at) : new Date();
    if (Number.isNaN(now.getTime())) {
      ctx.err(`--at must be an ISO-8601 instant (got ${values.at})`);
      return 2;
    }
    const events = await listUpcomingEvents((await ctx.database()).db, now, ctx.config.timezone);
    for (const e of events) {
      ctx.out(`${formatLocal(e.at, ctx.config.timezone)}  ${e.campaign.padEnd(24)} ${e.what.replace(/\(due (.+)\)/, (_, iso: string) => `(due ${formatLocal(new Date(iso), ctx.config.timezone)})`)}`);
    }
    if (events.length === 0) ctx.out('nothing scheduled');
    return 0;
  },
};
