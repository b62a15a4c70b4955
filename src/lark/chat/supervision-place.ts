import type { CommandContext } from './command.js';
import { parseSummaryArgs } from './summary-command.js';

/** Where the bureau's supervision results may be read: 1:1, or the bureau chat the asker works in — never a school's chat. */
export const inBureauPlace = (ctx: CommandContext) => !ctx.inGroup || (ctx.person.role === 'bureau' && ctx.chatId !== undefined && ctx.chatId === ctx.person.chatId);

/**
 * A period alone, as 汇总 reads one (`2026Q4`, `2026年第四季度`, `2026`, `12月`): its label, `null`
 * when none was named, `undefined` when the words are anything else (a place, two periods).
 */
export function periodOnly(args: string, today: { year: number; month: number }): string | null | undefined {
  const parsed = parseSummaryArgs(args, today);
  if (!parsed || parsed.campaign || parsed.town || parsed.place) return undefined;
  return parsed.period ?? null;
}
