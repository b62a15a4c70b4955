import { systemClock } from '../../clock.js';
import { seedDemoCounty } from '../../domain/roster/seed-demo-county.js';
import type { CliCommand } from '../cli-command.js';

export const seedDemoCommand: CliCommand = {
  name: 'seed-demo',
  usage: 'seed-demo',
  summary: "load the demo county (Mei County's 8 towns, 16 sample schools, a bureau chat, an example 2026-27 school calendar)",
  async run(_args, ctx) {
    const database = await ctx.database();
    const r = await seedDemoCounty(database.db, systemClock.now());
    ctx.out(`demo county loaded: ${r.towns} towns, ${r.schools} schools; people ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged`);
    ctx.out(
      r.calendarPeriods > 0
        ? `school calendar: the example 2026-27 terms and vacations (${r.calendarPeriods}, named 示例); replace them with your county's (calendar remove-period NAME, add-term, add-vacation)`
        : 'school calendar: terms or vacations already stored, left as they are',
    );
    return 0;
  },
};
