import { describe, expect, it } from 'vitest';
import { bulletinOf } from '../../src/domain/scoring/read-bulletin.js';
import { buildBulletinCard } from '../../src/lark/cards/bulletin-card.js';
import { unescapeMarkdown } from '../../src/lark/cards/escape-markdown.js';
import { findNodes } from '../helpers/card-tree.js';
import { syntheticScores } from '../helpers/synthetic-scores.js';
import { bytesOf, componentsOf, LARK_CARD_BYTES, LARK_CARD_ELEMENTS, pageOf, textOf, type Card } from '../helpers/summary-pages.js';

const movement = { openAtStart: 3, opened: 5, returned: 2, transferred: 1, exempted: 0, openAtEnd: 5 };
const pageValues = (card: Card) =>
  findNodes(card.body, (n) => n.tag === 'button' && JSON.stringify(n).includes('bulletin_page')).map((b) => ({
    value: (b.behaviors as { value: Record<string, unknown> }[])[0]!.value,
    disabled: b.disabled === true,
  }));

describe('the bulletin card at province size (3,000 schools)', () => {
  const bulletin = bulletinOf(syntheticScores(3000), movement);

  it('every page fits in a Lark card, and the pages together name every school once', () => {
    const named = new Set<string>();
    for (let page = 1; page <= 150; page++) {
      const card = buildBulletinCard(bulletin, { page });
      expect(bytesOf(card)).toBeLessThanOrEqual(LARK_CARD_BYTES);
      expect(componentsOf(card)).toBeLessThanOrEqual(LARK_CARD_ELEMENTS);
      expect(pageOf(card)).toEqual([page, 150]);
      for (const [, name] of textOf(card).matchAll(/ · \*\*(第\d+号[^*]+)\*\* \*\*[\d.]+\*\*/g)) {
        expect(named.has(name!)).toBe(false);
        named.add(name!);
      }
    }
    expect(named.size).toBe(3000);
  });

  it('the figures on the first page: counts, the lowest ten called in with their three worst lacks, the rest counted', () => {
    const text = textOf(buildBulletinCard(bulletin));
    const met = bulletin.schools.filter((s) => s.score === 100).length;
    const lagging = bulletin.schools.filter((s) => s.score < 85).length;
    expect(met).toBeGreaterThan(30);
    expect(text).toContain(`全部达标 **${met}** 所 · 落后约谈 **${lagging}** 所（低于满分的 85%）`);
    expect(text).toContain(`等 ${met} 所`);
    expect(text).toContain(`另有 ${lagging - 10} 所，详见「通报 2026Q4 导出」。`);
    const lowest = Math.min(...bulletin.schools.map((s) => s.score));
    expect(text).toContain(`<font color='red'>**${lowest}**</font>/100 分`);
    expect(text.match(/^　· /gm)).toHaveLength(30);
    expect(text).toContain('期初在办 3 件 · 新增 5 件 · 复学 2 · 转学 1 · 豁免 0 · 期末在办');
  });

  it('the pager: 上一页 off on the first page, 下一页 off on the last, each carrying the period and its page', () => {
    expect(pageValues(buildBulletinCard(bulletin))).toEqual([
      { value: { action: 'bulletin_page', period: '2026-Q4', page: 0 }, disabled: true },
      { value: { action: 'bulletin_page', period: '2026-Q4', page: 2 }, disabled: false },
    ]);
    expect(pageValues(buildBulletinCard(bulletin, { page: 150 }))).toEqual([
      { value: { action: 'bulletin_page', period: '2026-Q4', page: 149 }, disabled: false },
      { value: { action: 'bulletin_page', period: '2026-Q4', page: 151 }, disabled: true },
    ]);
    // A page past the end (schools removed since) shows the last one.
    expect(pageOf(buildBulletinCard(bulletin, { page: 999 }))).toEqual([150, 150]);
  });

  it('a lagging school lost most on an inspection: the card says the deductions, never the inspector’s words (they may name a child)', () => {
    const scores = syntheticScores(30);
    const school = scores.schools[1]!;
    const sub = school.items.flatMap((i) => i.subItems).find((s) => s.basis.way === 'inspection' && s.points >= 4)!;
    sub.score = 0;
    sub.basis = { way: 'inspection', inspections: 1, deductions: [{ schoolId: 2, period: '2026-11', code: sub.code, score: 0, points: sub.points, reason: '王小明家访记录缺失', remedy: null }] };
    school.score = 40;
    const text = unescapeMarkdown(textOf(buildBulletinCard(bulletinOf(scores, movement))));
    expect(text).toContain(`　· ${sub.code} ${sub.name} 失 ${sub.points} 分：督查 1 次；2026-11 扣 ${sub.points} 分\n`);
    expect(text).not.toContain('王小明');
  });
});

