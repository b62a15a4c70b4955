import { parseArgs } from 'node:util';
import { SettableClock } from '../../clock.js';
import { tickTexts } from '../../texts/cli-texts.js';
import type { CliCommand } from '../cli-command.js';

/** A long backlog is left to the server's sender (or the next tick) rather than keeping the CLI busy. */
const DELIVERY_BUDGET_MS = 5 * 60_000;

export const tickCommand: CliCommand = {
  name: 'tick',
  usage: 'tick [--at ISO-8601]',
  summary: tickTexts.summary,
  async run(args, ctx) {
    const { values } = parseArgs({ args, options: { at: { type: 'string' } } });
    const at = values.at ? new Date(values.at) : new Date();
    if (Number.isNaN(at.getTime())) {
      ctx.err(tickTexts.badAt(values.at));
      return 2;
    }
    // Loaded here, not at the top: the Lark SDK and the scheduler take half a second to import, and
    // only this command sends; the others start in a tenth of a second.
    const [{ tick }, { buildDeps, larkSettingsFor }] = await Promise.all([import('../../jobs/tick.js'), import('../../entry/build-deps.js')]);
    const database = await ctx.database();
    // In sandbox mode the sandbox lives in the running server, on the configured port.
    const lark = larkSettingsFor(ctx.config, `http://127.0.0.1:${ctx.config.port}`);
    const deps = buildDeps({
      db: database.db,
      config: ctx.config,
      log: ctx.log,
      clock: new SettableClock(at, { frozen: true }),
      lark,
      outbox: { kind: 'manual' },
    });
    const report = await tick(deps, at);
    // In sandbox mode the sandbox is the running server's: with none running there is nowhere to
    // deliver, so the rows wait for it rather than failing here one by one.
    if (!ctx.config.lark && !(await answers(`${lark.domain}/healthz`))) {
      ctx.err(tickTexts.sandboxNoServer(lark.domain));
      ctx.out(JSON.stringify({ ...report, delivery: tickTexts.deliveryLeftToServer }, null, 2));
      return 0;
    }
    // Lark's limits are per app: while a server is the sender, it delivers these rows (within a second).
    const { sender, ...delivered } = await deps.outbox.drain({ now: at, budgetMs: DELIVERY_BUDGET_MS });
    await deps.background.idle();
    ctx.out(JSON.stringify({ ...report, delivery: sender === 'this instance' ? delivered : tickTexts.deliveryLeftToSender }, null, 2));
    return 0;
  },
};

/** Whether something answers at `url` within a second. */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}
