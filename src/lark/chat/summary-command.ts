import { buildSummaryCard } from '../cards/summary-card.js';
import { buildBureauSummary } from '../../domain/summary/build-bureau-summary.js';
import { summaryTexts } from '../../texts/summary-texts.js';
import type { Command } from './command.js';

/** `2026-12`, `2026/12`, `2026.12` or `2026年12月`. */
const PERIOD_ARG = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$/;

/**
 * A month, then a town or a school (`汇总 横渠镇`, `汇总 横渠镇中心小学`), or a town and a school
 * when two towns have schools of the same name (`汇总 横渠镇 中心小学`).
 */
export function parseSummaryArgs(args: string): { period?: string; place?: string; town?: string; school?: string } | undefined {
  let period: string | undefined;
  const places: string[] = [];
  for (const word of args.split(/[\s,，、]+/).filter(Boolean)) {
    const m = PERIOD_ARG.exec(word);
    if (m) {
      const month = Number(m[2]);
      if (period || month < 1 || month > 12) return undefined;
      period = `${m[1]}-${String(month).padStart(2, '0')}`;
    } else {
      if (places.length === 2) return undefined;
      places.push(word);
    }
  }
  return {
    ...(period ? { period } : {}),
    ...(places.length === 1 ? { place: places[0]! } : places.length === 2 ? { town: places[0]!, school: places[1]! } : {}),
  };
}

export const summaryCommand: Command = {
  name: '汇总',
  aliases: ['summary', '汇报汇总'],
  usage: '汇总 [月份] [镇街|学校]',
  summary: '查看填报汇总卡片，如「汇总 2026-12 横渠镇」「汇总 学校名」',
  roles: ['bureau', 'admin'],
  async run({ db, args, now, timezone }) {
    const parsed = parseSummaryArgs(args);
    if (!parsed) return { text: summaryTexts.badArgs };
    const summary = await buildBureauSummary(db, { now, ...parsed });
    return { card: buildSummaryCard(summary, timezone) };
  },
};
