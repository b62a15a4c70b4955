import { parseArgs } from 'node:util';
import { REGION_SIZES, type RegionScale } from '../generate/synthetic-region.js';
import { generateRegion } from '../generate/write-synthetic-region.js';
import { isDomainError } from '../../errors.js';
import { cliTexts, generateTexts } from '../../texts/cli-texts.js';
import type { CliCommand } from '../cli-command.js';

const SCALES = Object.keys(REGION_SIZES) as RegionScale[];

export const generateCommand: CliCommand = {
  name: 'generate',
  usage: 'generate county|province [--years N] [--seed S] [--at ISO] [--force]',
  summary: generateTexts.summary,
  async run(args, ctx) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { years: { type: 'string' }, seed: { type: 'string' }, at: { type: 'string' }, force: { type: 'boolean' } },
    });
    const scale = positionals[0] as RegionScale | undefined;
    const years = Number(values.years ?? 3);
    const seed = Number(values.seed ?? 1);
    const now = values.at ? new Date(values.at) : new Date();
    const problems = [
      !scale || !SCALES.includes(scale) ? generateTexts.badScale(SCALES) : '',
      !Number.isInteger(years) || years < 1 || years > 10 ? generateTexts.badYears : '',
      !Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 ? generateTexts.badSeed : '',
      Number.isNaN(now.getTime()) ? generateTexts.badAt : '',
    ].filter(Boolean);
    if (problems.length > 0) {
      for (const p of problems) ctx.err(p);
      ctx.err(cliTexts.usage(this.usage));
      return 2;
    }
    const database = await ctx.database();
    try {
      const { plan: _plan, ...report } = await generateRegion(database.db, {
        size: REGION_SIZES[scale!],
        seed,
        years,
        now,
        timezone: ctx.config.timezone,
        force: values.force ?? false,
        progress: (msg, fields) => {
          const said = generateTexts.progress[msg] ?? msg;
          ctx.err(fields ? `${said} ${JSON.stringify(fields)}` : said);
        },
      });
      ctx.out(JSON.stringify({ scale, years, seed, ...report }));
      return 0;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      ctx.err(generateTexts.nothingWritten(error.userMessage));
      return 1;
    }
  },
};
