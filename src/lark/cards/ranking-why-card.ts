import type { PeriodScores } from '../../domain/scoring/score-schools.js';
import { rankSchools } from '../../domain/scoring/rank-schools.js';
import { periodWords } from '../../domain/scoring/scoring-span.js';
import { rankingTexts as t } from '../../texts/ranking-texts.js';
import { escapeMarkdown } from './escape-markdown.js';
import { basisWords, itemMark, round } from './score-basis.js';

/** Past this the card spells out three deductions per sub-item and points to the 考核 file for the rest. */
const WHY_CARD_MAX_BYTES = 28 * 1024;
/** A year has at most twelve monthly inspections: all of them, when they fit. */
const ALL_DEDUCTIONS = 12;

export type ReturnedEvidence = { code: string; fileName: string; note: string | null };

/**
 * Why a school stands where it does: its place, each 大项's score, and every sub-item that lost
 * points with what lost them — the inspectors' reasons, the figures behind a formula, the
 * evidence's state and why any was returned. Undefined when the school is not among the scored.
 */
export function buildRankingWhyCard(scores: PeriodScores, schoolId: number, returned: readonly ReturnedEvidence[]): Record<string, unknown> | undefined {
  const ranked = rankSchools(scores.schools);
  const place = ranked.find((r) => r.school.schoolId === schoolId);
  if (!place) return undefined;
  const full = whyCard(scores, place, returned, ALL_DEDUCTIONS);
  return Buffer.byteLength(JSON.stringify(full)) <= WHY_CARD_MAX_BYTES ? full : whyCard(scores, place, returned, 3);
}

function whyCard(scores: PeriodScores, place: ReturnType<typeof rankSchools>[number], returned: readonly ReturnedEvidence[], deductionsShown: number): Record<string, unknown> {
  const { school, rank, tied } = place;
  const items = school.items.map((item, i) => {
    const lost = item.subItems.filter((sub) => sub.score < sub.points);
    const lines = lost.flatMap((sub) => [
      t.lost(escapeMarkdown(sub.code), escapeMarkdown(sub.name), round(sub.points - sub.score), basisWords(sub, { deductionsShown })),
      ...(sub.basis.way === 'evidence'
        ? returned.filter((r) => r.code === sub.code).map((r) => t.returned(escapeMarkdown(r.fileName), r.note === null ? null : escapeMarkdown(r.note)))
        : []),
    ]);
    return { tag: 'markdown', content: [t.item(itemMark(i), escapeMarkdown(item.name), item.score, item.points), ...(lines.length > 0 ? lines : [t.itemFull])].join('\n') };
  });
  const title = t.whyTitle(school.school, periodWords(scores.period.label));
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: title } },
    header: { title: { tag: 'plain_text', content: title }, subtitle: { tag: 'plain_text', content: school.town }, template: 'blue' },
    body: {
      elements: [
        { tag: 'markdown', content: t.whyPlace(rank, tied, scores.schools.length, school.score, school.points) },
        { tag: 'hr' },
        ...items,
        ...(deductionsShown < ALL_DEDUCTIONS ? [{ tag: 'markdown', content: t.shortened(scores.period.label.slice(0, 4)), text_size: 'notation' }] : []),
      ],
    },
  };
}
