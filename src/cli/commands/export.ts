import { parseArgs } from 'node:util';
import { exportCheckInsCsv } from '../../domain/export/export-check-ins.js';
import { isDomainError } from '../../errors.js';
import type { CliCommand } from '../cli-command.js';

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export checkins --period YYYY-MM',
  summary: 'print one CSV row per stored check-in of the month',
  async run(args, ctx) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { period: { type: 'string' } } });
    if (positionals[0] !== 'checkins' || !values.period) {
      ctx.err(`usage: ${this.usage}`);
      return 2;
    }
    const database = await ctx.database();
    try {
      ctx.out(await exportCheckInsCsv(database.db, values.period, ctx.config.timezone));
      return 0;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      ctx.err(error.userMessage);
      return 2;
    }
  },
};
