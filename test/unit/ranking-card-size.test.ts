import { describe, expect, it } from 'vitest';
import { buildRankingCard } from '../../src/lark/cards/ranking-card.js';
import { buildRankingWhyCard } from '../../src/lark/cards/ranking-why-card.js';
import { findNodes } from '../helpers/card-tree.js';
import { bytesOf, componentsOf, LARK_CARD_BYTES, LARK_CARD_ELEMENTS, pageOf, textOf, type Card } from '../helpers/summary-pages.js';
import { syntheticScores } from '../helpers/synthetic-scores.js';

const valuesOf = (card: Card, action: string) =>
  findNodes(card.body, (n) => n.tag === 'button' && JSON.stringify(n).includes(action)).map((b) => (b.behaviors as { value: Record<string, unknown> }[])[0]!.value);

describe('the ranking at province size (3,000 schools)', () => {
  const scores = syntheticScores(3000);

  it('every page fits in a Lark card; the pages list every school once, ranks never rising', () => {
    const seen = new Set<unknown>();
    let lastRank = 0;
    for (let page = 1; page <= 150; page++) {
      const card = buildRankingCard(scores, { page });
      expect(bytesOf(card)).toBeLessThanOrEqual(LARK_CARD_BYTES);
      expect(componentsOf(card)).toBeLessThanOrEqual(LARK_CARD_ELEMENTS);
      expect(pageOf(card)).toEqual([page, 150]);
      for (const [, rank] of textOf(card).matchAll(/\*\*(?:并列)?第 (\d+) 名\*\*/g)) {
        expect(Number(rank)).toBeGreaterThanOrEqual(lastRank);
        lastRank = Number(rank);
      }
      for (const value of valuesOf(card, 'ranking_why')) {
        expect(seen.has(value.school_id)).toBe(false);
        seen.add(value.school_id);
      }
    }
    expect(seen.size).toBe(3000);
    // The last place is shared by every school at the lowest score, one past all the schools above it.
    const lowest = Math.min(...scores.schools.map((s) => s.score));
    expect(lastRank).toBe(scores.schools.filter((s) => s.score > lowest).length + 1);
    expect(scores.schools.filter((s) => s.score === lowest).length).toBeGreaterThan(1);
    expect(valuesOf(buildRankingCard(scores, { page: 2 }), 'ranking_page')).toEqual([
      { action: 'ranking_page', period: '2026-Q4', page: 1 },
      { action: 'ranking_page', period: '2026-Q4', page: 3 },
    ]);
  });

  it('a school with a deduction every month on every inspected item: the why still fits, three reasons each and a pointer to 考核', () => {
    const school = scores.schools[0]!;
    for (const item of school.items) {
      for (const sub of item.subItems) {
        if (sub.basis.way !== 'inspection') continue;
        const months = Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}`);
        sub.basis = {
          way: 'inspection',
          inspections: 12,
          deductions: months.map((period) => ({ schoolId: 1, period, code: sub.code, score: sub.points - 1, points: sub.points, reason: '劝'.repeat(200), remedy: null })),
        };
        sub.score = sub.points - 1;
      }
    }
    const card = buildRankingWhyCard({ ...scores, period: { ...scores.period, label: '2026' } }, school.schoolId, [])!;
    expect(bytesOf(card)).toBeLessThanOrEqual(LARK_CARD_BYTES);
    const text = textOf(card);
    expect(text).toContain('另有 9 处扣分');
    expect(text).toContain('全部明细见「考核 2026」文件');
    expect(buildRankingWhyCard(scores, 999_999, [])).toBeUndefined();
  });
});
