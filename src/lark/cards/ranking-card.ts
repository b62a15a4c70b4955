import { averageScore, type PeriodScores } from '../../domain/scoring/score-schools.js';
import { rankSchools } from '../../domain/scoring/rank-schools.js';
import { periodWords } from '../../domain/scoring/scoring-span.js';
import { rankingTexts as t } from '../../texts/ranking-texts.js';
import { escapeMarkdown } from './escape-markdown.js';
import { clampPage, pageButtonsRow, pageCount } from './summary-pager.js';

/** Schools per page: each row is a column set with its "why" button (five components). */
export const RANKED_PER_PAGE = 20;

export type RankingPageValue = { action: 'ranking_page'; period: string; page: number };
export type RankingWhyValue = { action: 'ranking_why'; period: string; school_id: number };

const plain = (content: string) => ({ tag: 'plain_text', content });

const whyButton = (value: RankingWhyValue) => ({
  tag: 'button',
  text: plain(t.why),
  type: 'default',
  size: 'small',
  behaviors: [{ type: 'callback', value }],
});

/**
 * 排名 (JSON 2.0): every school by total score with shared ranks, twenty to a page, each with a
 * button that sends the "why" 1:1. Schools only: no teacher is ranked or named.
 */
export function buildRankingCard(scores: PeriodScores, o: { page?: number } = {}): Record<string, unknown> {
  const { framework, period, schools } = scores;
  const ranked = rankSchools(schools);
  const points = schools[0]?.points ?? framework.items.reduce((sum, i) => sum + i.points, 0);
  const pages = pageCount(ranked.length, RANKED_PER_PAGE);
  const page = clampPage(o.page ?? 1, pages);
  const rows = ranked.slice((page - 1) * RANKED_PER_PAGE, page * RANKED_PER_PAGE).map(({ rank, tied, school }) => ({
    tag: 'column_set',
    flex_mode: 'none',
    columns: [
      { tag: 'column', width: 'weighted', weight: 4, vertical_align: 'center', elements: [{ tag: 'markdown', content: t.row(rank, tied, escapeMarkdown(school.school), escapeMarkdown(school.town), school.score) }] },
      { tag: 'column', width: 'auto', vertical_align: 'center', elements: [whyButton({ action: 'ranking_why', period: period.label, school_id: school.schoolId })] },
    ],
  }));
  const title = t.title(periodWords(period.label));
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: title } },
    header: {
      title: plain(title),
      subtitle: plain(t.subtitle(framework.title, framework.version, framework.isExample)),
      template: 'blue',
    },
    body: {
      elements: [
        { tag: 'markdown', content: t.overview(schools.length, averageScore(schools), points) },
        { tag: 'hr' },
        ...(rows.length > 0 ? rows : [{ tag: 'markdown', content: t.noSchools }]),
        ...(pages > 1 ? [pageButtonsRow((p): RankingPageValue => ({ action: 'ranking_page', period: period.label, page: p }), page, pages)] : []),
        { tag: 'markdown', content: t.rules, text_size: 'notation' },
      ],
    },
  };
}
