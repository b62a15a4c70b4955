import { listCampaigns, saveCampaign } from '../../db/queries/campaigns.js';
import { parseCampaignFile } from '../../model/campaign-definition.js';
import { campaignsTexts, cliTexts } from '../../texts/cli-texts.js';
import type { CliCommand } from '../cli-command.js';
import { readTextFile } from '../read-text-file.js';

const USAGE = 'campaigns list | campaigns show | campaigns load FILE.json';

/** The admin edits campaigns as a JSON file: `show` prints the current one, `load` applies an edited one. */
export const campaignsCommand: CliCommand = {
  name: 'campaigns',
  usage: USAGE,
  summary: campaignsTexts.summary,
  async run(args, ctx) {
    const [verb, file] = args;
    if (verb === 'list' || verb === 'show') {
      const campaigns = await listCampaigns((await ctx.database()).db);
      if (verb === 'show') {
        ctx.out(JSON.stringify({ campaigns: campaigns.map((c) => c.definition) }, null, 2));
      } else {
        for (const c of campaigns) {
          const d = c.definition;
          ctx.out(`${c.code}\t${c.title}\t${d.audience}\t${d.cadence}\t${campaignsTexts.active(c.active)}`);
        }
      }
      return 0;
    }
    if (verb !== 'load' || !file) {
      ctx.err(cliTexts.usage(USAGE));
      return 2;
    }
    const read = await readTextFile(file);
    if (!read.ok) {
      ctx.err(`${file}: ${read.message}`);
      return 1;
    }
    let value: unknown;
    try {
      value = JSON.parse(read.text);
    } catch (error) {
      ctx.err(campaignsTexts.notJson(file, (error as Error).message));
      return 1;
    }
    const parsed = parseCampaignFile(value);
    if (!parsed.ok) {
      ctx.err(campaignsTexts.nothingChanged(file, parsed.problems.length));
      for (const p of parsed.problems) ctx.err(`  ${p}`);
      return 1;
    }
    const { db } = await ctx.database();
    await db.transaction(async (tx) => {
      for (const definition of parsed.campaigns) await saveCampaign(tx, definition);
    });
    ctx.out(campaignsTexts.loaded(parsed.campaigns.map((c) => c.code)));
    return 0;
  },
};
