import { parseArgs } from 'node:util';
import { listUpcomingEvents, type UpcomingEvent } from '../../domain/campaigns/upcoming-events.js';
import { formatIsoWithOffset, formatLocal } from '../../domain/time/zoned-time.js';
import { statusTexts } from '../../texts/cli-texts.js';
import type { CliCommand } from '../cli-command.js';

export const statusCommand: CliCommand = {
  name: 'status',
  usage: 'status [--at ISO-8601] [--json]',
  summary: statusTexts.summary,
  help: statusTexts.help,
  async run(args, ctx) {
    const { values } = parseArgs({ args, options: { at: { type: 'string' }, json: { type: 'boolean' } } });
    const now = values.at ? new Date(values.at) : new Date();
    if (Number.isNaN(now.getTime())) {
      ctx.err(statusTexts.badAt(values.at));
      return 2;
    }
    const tz = ctx.config.timezone;
    const events = await listUpcomingEvents((await ctx.database()).db, now, tz);
    if (values.json) {
      // The shape is documented in statusTexts.help: keep the two in step.
      const iso = (d: Date) => formatIsoWithOffset(d, tz);
      const json = events.map((e) => (e.kind === 'opens' ? { ...e, at: iso(e.at), dueAt: iso(e.dueAt) } : { ...e, at: iso(e.at) }));
      ctx.out(JSON.stringify({ at: iso(now), timezone: tz, events: json }, null, 2));
      return 0;
    }
    for (const e of events) ctx.out(`${formatLocal(e.at, tz)}  ${e.campaign.padEnd(24)} ${describe(e, tz)}`);
    if (events.length === 0) ctx.out(statusTexts.nothingScheduled);
    return 0;
  },
};

function describe(e: UpcomingEvent, tz: string): string {
  return e.kind === 'opens' ? statusTexts.opens(e.period, formatLocal(e.dueAt, tz)) : statusTexts.reminder(e.step, e.period, e.to);
}
