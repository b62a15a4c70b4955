import { systemClock } from '../../clock.js';
import { seedDemoCounty } from '../../domain/roster/seed-demo-county.js';
import type { CliCommand } from '../cli-command.js';

export const seedDemoCommand: CliCommand = {
  name: 'seed-demo',
  usage: 'seed-demo',
  summary: "load the demo county (Mei County's 8 towns, 16 sample schools, a bureau chat)",
  async run(_args, ctx) {
    const database = await ctx.database();
    const r = await seedDemoCounty(database.db, systemClock.now());
    ctx.out(`demo county loaded: ${r.towns} towns, ${r.schools} schools; people ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged`);
    return 0;
  },
};
