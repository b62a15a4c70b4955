import { parseArgs } from 'node:util';
import { systemClock } from '../../clock.js';
import { requeueDeadMessage, summarizeOutbox } from '../../db/queries/outbox-report.js';
import { formatIsoWithOffset, formatLocal } from '../../domain/time/zoned-time.js';
import { cliTexts, outboxTexts } from '../../texts/cli-texts.js';
import type { CliCommand } from '../cli-command.js';

const STATES = ['pending', 'sending', 'sent', 'dead'] as const;

export const outboxCommand: CliCommand = {
  name: 'outbox',
  usage: 'outbox [--json] | outbox retry ID',
  summary: outboxTexts.summary,
  help: outboxTexts.help,
  async run(args, ctx) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
    const [verb, idText] = positionals;
    const { db } = await ctx.database();
    if (verb === 'retry') {
      const id = Number(idText);
      if (!Number.isInteger(id) || id <= 0) {
        ctx.err(outboxTexts.retryUsage);
        return 2;
      }
      if (!(await requeueDeadMessage(db, id, systemClock.now()))) {
        ctx.err(outboxTexts.notDead(id));
        return 1;
      }
      ctx.out(outboxTexts.requeued(id));
      return 0;
    }
    if (verb !== undefined) {
      ctx.err(cliTexts.usage(this.usage));
      return 2;
    }
    const report = await summarizeOutbox(db);
    const tz = ctx.config.timezone;
    const counts = Object.fromEntries(STATES.map((s) => [s, report.byState[s] ?? 0])) as Record<(typeof STATES)[number], number>;
    const oldest = report.oldestPending;
    if (values.json) {
      // The shape is documented in outboxTexts.help: keep the two in step.
      const iso = (d: Date | null) => (d ? formatIsoWithOffset(d, tz) : null);
      const oldestPending = oldest ? { ...oldest, notBefore: iso(oldest.notBefore), failingSince: iso(oldest.failingSince) } : null;
      ctx.out(JSON.stringify({ byState: counts, oldestPending, dead: report.dead }, null, 2));
      return 0;
    }
    ctx.out(outboxTexts.byState(counts));
    ctx.out(
      oldest
        ? outboxTexts.oldest({
            ...oldest,
            due: formatLocal(oldest.notBefore, tz),
            failingSince: oldest.failingSince ? formatLocal(oldest.failingSince, tz) : null,
          })
        : outboxTexts.nothingWaiting,
    );
    for (const d of report.dead) ctx.out(outboxTexts.dead(d));
    return 0;
  },
};
