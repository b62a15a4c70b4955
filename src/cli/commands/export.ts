import { parseArgs } from 'node:util';
import { findCampaignByCode, MONTHLY_CAMPAIGN_CODE } from '../../db/queries/campaigns.js';
import { exportResponsesCsv } from '../../domain/export/export-responses.js';
import { isDomainError } from '../../errors.js';
import type { CliCommand } from '../cli-command.js';

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export checkins|responses [--campaign CODE] --period PERIOD',
  summary: "print one CSV row per stored answer of a period (checkins = the monthly check-in's)",
  async run(args, ctx) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { period: { type: 'string' }, campaign: { type: 'string' } },
    });
    const what = positionals[0];
    if ((what !== 'checkins' && what !== 'responses') || !values.period) {
      ctx.err(`usage: ${this.usage}`);
      return 2;
    }
    const database = await ctx.database();
    const code = what === 'checkins' ? MONTHLY_CAMPAIGN_CODE : values.campaign;
    const campaign = code ? await findCampaignByCode(database.db, code) : undefined;
    if (!campaign) {
      ctx.err(code ? `no campaign with code ${code}` : 'export responses needs --campaign CODE');
      return 2;
    }
    try {
      ctx.out(await exportResponsesCsv(database.db, campaign, values.period, ctx.config.timezone));
      return 0;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      ctx.err(error.userMessage);
      return 2;
    }
  },
};
