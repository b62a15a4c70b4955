import { migrateTexts } from '../../texts/cli-texts.js';
import type { CliCommand } from '../cli-command.js';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: 'migrate',
  summary: migrateTexts.summary,
  async run(_args, ctx) {
    const database = await ctx.database();
    ctx.out(migrateTexts.done(database.kind));
    return 0;
  },
};
