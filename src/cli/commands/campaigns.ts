import { listCampaigns, saveCampaign } from '../../db/queries/campaigns.js';
import { parseCampaignFile } from '../../model/campaign-definition.js';
import type { CliCommand } from '../cli-command.js';
import { readTextFile } from '../read-text-file.js';

const USAGE = 'campaigns list | campaigns show | campaigns load FILE.json';

/** The admin edits campaigns as a JSON file: `show` prints the current one, `load` applies an edited one. */
export const campaignsCommand: CliCommand = {
  name: 'campaigns',
  usage: USAGE,
  summary: 'list the campaigns, print their definitions as JSON, or load an edited file (all or nothing)',
  async run(args, ctx) {
    const [verb, file] = args;
    if (verb === 'list' || verb === 'show') {
      const campaigns = await listCampaigns((await ctx.database()).db);
      if (verb === 'show') {
        ctx.out(JSON.stringify({ campaigns: campaigns.map((c) => c.definition) }, null, 2));
      } else {
        for (const c of campaigns) {
          const d = c.definition;
          ctx.out(`${c.code}\t${c.title}\t${d.audience}\t${d.cadence}\t${c.active ? 'active' : 'inactive'}`);
        }
      }
      return 0;
    }
    if (verb !== 'load' || !file) {
      ctx.err(`usage: ${USAGE}`);
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
      ctx.err(`${file}: not readable JSON: ${(error as Error).message}`);
      return 1;
    }
    const parsed = parseCampaignFile(value);
    if (!parsed.ok) {
      ctx.err(`${file}: nothing changed, ${parsed.problems.length} problem(s):`);
      for (const p of parsed.problems) ctx.err(`  ${p}`);
      return 1;
    }
    const { db } = await ctx.database();
    await db.transaction(async (tx) => {
      for (const definition of parsed.campaigns) await saveCampaign(tx, definition);
    });
    ctx.out(`loaded ${parsed.campaigns.length} campaign(s): ${parsed.campaigns.map((c) => c.code).join(', ')}`);
    return 0;
  },
};
