import { systemClock } from '../../clock.js';
import { seedDemoCounty } from '../../domain/roster/seed-demo-county.js';
import { seedDemoTexts } from '../../texts/cli-texts.js';
import type { CliCommand } from '../cli-command.js';

export const seedDemoCommand: CliCommand = {
  name: 'seed-demo',
  usage: 'seed-demo',
  summary: seedDemoTexts.summary,
  async run(_args, ctx) {
    const database = await ctx.database();
    const r = await seedDemoCounty(database.db, systemClock.now());
    ctx.out(seedDemoTexts.done(r));
    ctx.out(seedDemoTexts.calendar(r.calendarPeriods));
    return 0;
  },
};
