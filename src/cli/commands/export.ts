import { parseArgs } from 'node:util';
import { findCampaignByCode, MONTHLY_CAMPAIGN_CODE } from '../../db/queries/campaigns.js';
import { exportResponsesCsv } from '../../domain/export/export-responses.js';
import { isDomainError } from '../../errors.js';
import { cliTexts, exportTexts } from '../../texts/cli-texts.js';
import type { CliCommand } from '../cli-command.js';

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export checkins|responses [--campaign CODE] --period PERIOD [--with-notes]',
  summary: exportTexts.summary,
  help: exportTexts.help,
  async run(args, ctx) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { period: { type: 'string' }, campaign: { type: 'string' }, 'with-notes': { type: 'boolean' } },
    });
    const what = positionals[0];
    if ((what !== 'checkins' && what !== 'responses') || !values.period) {
      ctx.err(cliTexts.usage(this.usage));
      return 2;
    }
    const database = await ctx.database();
    const code = what === 'checkins' ? MONTHLY_CAMPAIGN_CODE : values.campaign;
    const campaign = code ? await findCampaignByCode(database.db, code) : undefined;
    if (!campaign) {
      ctx.err(code ? exportTexts.noCampaign(code) : exportTexts.needsCampaign);
      return 2;
    }
    try {
      const { csv, withheld } = await exportResponsesCsv(database.db, campaign, {
        period: values.period,
        timezone: ctx.config.timezone,
        withFreeText: values['with-notes'] ?? false,
      });
      if (withheld.length > 0) ctx.err(exportTexts.freeTextWithheld(withheld));
      ctx.out(csv);
      return 0;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      ctx.err(error.userMessage);
      return 2;
    }
  },
};
