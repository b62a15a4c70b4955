import type { CliCommand } from '../cli-command.js';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: 'migrate',
  summary: 'apply the SQL migrations (the server also does this at start)',
  async run(_args, ctx) {
    const database = await ctx.database();
    ctx.out(`migrations applied (${database.kind})`);
    return 0;
  },
};
