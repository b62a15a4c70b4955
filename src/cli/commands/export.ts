import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { findCampaignByCode, MONTHLY_CAMPAIGN_CODE, type Campaign } from '../../db/queries/campaigns.js';
import type { Db } from '../../db/database.js';
import { exportResponsesCsv } from '../../domain/export/export-responses.js';
import { isDomainError } from '../../errors.js';
import { cliTexts, exportTexts } from '../../texts/cli-texts.js';
import type { CliCommand, CliContext } from '../cli-command.js';

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export checkins|responses [--campaign CODE] --period PERIOD [--with-notes] | … --format xlsx --out FILE',
  summary: exportTexts.summary,
  help: exportTexts.help,
  async run(args, ctx) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        period: { type: 'string' },
        campaign: { type: 'string' },
        'with-notes': { type: 'boolean' },
        format: { type: 'string' },
        out: { type: 'string' },
        town: { type: 'string' },
        school: { type: 'string' },
        'with-names': { type: 'boolean' },
      },
    });
    const what = positionals[0];
    const xlsx = values.format !== undefined;
    if ((what !== 'checkins' && what !== 'responses') || (!values.period && !xlsx)) {
      ctx.err(cliTexts.usage(this.usage));
      return 2;
    }
    if (xlsx && values.format !== 'xlsx') {
      ctx.err(exportTexts.badFormat(values.format!));
      return 2;
    }
    if (xlsx && !values.out) {
      ctx.err(exportTexts.needsOut);
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
      if (xlsx) return await writeXlsx(database.db, ctx, { campaign, out: values.out!, period: values.period, town: values.town, school: values.school, withNames: values['with-names'] ?? false });
      const { csv, withheld } = await exportResponsesCsv(database.db, campaign, {
        period: values.period!,
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

/** The chat's 导出 workbook into a file, as the operator (names masked unless `withNames`); a failed write leaves no half file. */
async function writeXlsx(
  db: Db,
  ctx: CliContext,
  o: { campaign: Campaign; out: string; period: string | undefined; town: string | undefined; school: string | undefined; withNames: boolean },
): Promise<number> {
  const { exportWorkbook } = await import('../../domain/export/export-workbook.js');
  const file = createWriteStream(o.out);
  try {
    const exported = await exportWorkbook(
      db,
      {
        campaign: o.campaign.code,
        ...(o.period !== undefined ? { period: o.period } : {}),
        ...(o.town !== undefined ? { town: o.town } : {}),
        ...(o.school !== undefined ? { school: o.school } : {}),
        now: new Date(),
        timezone: ctx.config.timezone,
        asker: { cli: { withNames: o.withNames } },
      },
      file,
    );
    if (!exported.full) ctx.err(exportTexts.namesMasked);
    ctx.err(exportTexts.xlsxWritten(o.out, exported.rows));
    return 0;
  } catch (error) {
    file.destroy();
    await rm(o.out, { force: true });
    throw error;
  }
}
