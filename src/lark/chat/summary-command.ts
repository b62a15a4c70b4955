import { buildSummaryCard } from '../cards/summary-card.js';
import { buildBureauSummary } from '../../domain/summary/build-bureau-summary.js';
import { summaryTexts } from '../../texts/summary-texts.js';
import { localParts } from '../../domain/time/zoned-time.js';
import type { Command } from './command.js';

/** `2026-12`, `2026/12`, `2026.12` or `2026年12月`. */
const PERIOD_ARG = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$/;
/** `12月`: the latest December up to now. */
const MONTH_ARG = /^(\d{1,2})\s*月(?:份)?$/;
/** A longer campaign's own period labels: `2026` (a year), `2026-H2`, `2026-Q4`. */
const LABEL_ARG = /^(\d{4})(?:年|-?([HQ])([1-4]))?$/i;
/** `2026年第四季度`, `2026第4季度`: a quarter as people write it. */
const QUARTER_WORDS = /^(\d{4})\s*年?\s*第?\s*([一二三四1-4])\s*季度$/;
const QUARTER_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };
/** This month and the month before, as people say them. */
const RELATIVE_MONTHS: Record<string, number> = { 本月: 0, 这个月: 0, 当月: 0, 上月: -1, 上个月: -1 };

/** The local year and month of `today`, shifted by `delta` months, as `YYYY-MM`. */
const monthOf = (today: { year: number; month: number }, delta: number) => {
  const index = today.year * 12 + (today.month - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

/**
 * A campaign (`汇总 月有安排`, checked against the campaigns later), a period, then a town or a
 * school (`汇总 横渠镇`, `汇总 横渠镇中心小学`), or a town and a school when two towns have
 * schools of the same name (`汇总 横渠镇 中心小学`). One or two words may start with a campaign
 * too: the domain decides (resolveSummaryCampaign); three words always do.
 */
export function parseSummaryArgs(
  args: string,
  /** Today's local year and month, for `12月`, `本月`, `上个月` (without it they are places). */
  today?: { year: number; month: number },
): { period?: string; campaign?: string; place?: string; town?: string; school?: string } | undefined {
  let period: string | undefined;
  const words: string[] = [];
  for (const raw of args.split(/[\s,，、]+/).filter(Boolean)) {
    const quarter = QUARTER_WORDS.exec(raw);
    const word = quarter ? `${quarter[1]}-Q${QUARTER_DIGIT[quarter[2]!] ?? quarter[2]}` : raw;
    const full = PERIOD_ARG.exec(word);
    const monthOnly = today && MONTH_ARG.exec(word);
    const relative = today ? RELATIVE_MONTHS[word] : undefined;
    const label = LABEL_ARG.exec(word);
    if (full || monthOnly || relative !== undefined || label) {
      const month = Number(full?.[2] ?? monthOnly?.[1] ?? 1);
      const part = Number(label?.[3] ?? 1);
      if (period || month < 1 || month > 12 || (label?.[2]?.toUpperCase() === 'H' && part > 2)) return undefined;
      if (full) period = `${full[1]}-${String(month).padStart(2, '0')}`;
      // A month alone is the latest one up to now: in January, 12月 is last December.
      else if (monthOnly) period = monthOf(today!, -((today!.month - month + 12) % 12));
      else if (label) period = label[2] ? `${label[1]}-${label[2].toUpperCase()}${part}` : label[1]!;
      else period = monthOf(today!, relative!);
    } else {
      if (words.length === 3) return undefined;
      words.push(word);
    }
  }
  const [a, b, c] = words;
  return {
    ...(period ? { period } : {}),
    ...(c !== undefined ? { campaign: a!, town: b!, school: c } : b !== undefined ? { town: a!, school: b } : a !== undefined ? { place: a } : {}),
  };
}

export const summaryCommand: Command = {
  name: '汇总',
  aliases: ['summary', '汇报汇总'],
  usage: '汇总 [项目] [月份|季度|年] [镇街|学校|教育集团]',
  summary: '查看填报汇总卡片，如「汇总 2026-12 横渠镇」「汇总 2026Q4」「汇总 首善教育集团」「汇总 学校名」；校长填报项目写上名称，如「汇总 月有安排」「汇总 学期有计划」',
  roles: ['bureau', 'admin'],
  async run({ db, args, now, timezone, inGroup }) {
    const parsed = parseSummaryArgs(args, localParts(now, timezone));
    if (!parsed) return { text: summaryTexts.badArgs };
    const summary = await buildBureauSummary(db, { now, timezone, ...parsed });
    // Said 1:1, a principals' card may carry a button per school that opens its report.
    return { card: buildSummaryCard(summary, timezone, { buttons: !inGroup }) };
  },
};
