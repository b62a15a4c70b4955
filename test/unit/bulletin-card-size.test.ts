import { describe, expect, it } from 'vitest';
import type { Framework } from '../../src/db/queries/frameworks.js';
import { defaultFramework } from '../../src/domain/framework/default-framework.js';
import { bulletinOf } from '../../src/domain/scoring/read-bulletin.js';
import type { SchoolScore } from '../../src/domain/scoring/score-schools.js';
import { scoringPeriod } from '../../src/domain/scoring/scoring-span.js';
import { buildBulletinCard } from '../../src/lark/cards/bulletin-card.js';
import { findNodes } from '../helpers/card-tree.js';
import { bytesOf, componentsOf, LARK_CARD_BYTES, LARK_CARD_ELEMENTS, pageOf, textOf, type Card } from '../helpers/summary-pages.js';

/** The default standard as stored (ids made up), so the bulletin reads as it would from the database. */
function framework(): Framework {
  const definition = defaultFramework();
  let id = 0;
  return {
    id: 1,
    version: definition.version,
    title: definition.title,
    isExample: true,
    active: true,
    loadedAt: new Date('2026-01-01T00:00:00Z'),
    items: definition.items.map((item, position) => ({
      id: ++id,
      position,
      name: item.name,
      points: item.points,
      subItems: item.subItems.map((sub, subPosition) => ({ ...sub, id: ++id, itemId: id, position: subPosition, guidance: null }) as Framework['items'][number]['subItems'][number]),
    })),
  };
}

/** `count` schools with long names in towns of three; school i loses (i mod 7) × 1.5 points on evidence and a little on inspection. */
function scores(count: number) {
  const f = framework();
  const schools: SchoolScore[] = Array.from({ length: count }, (_, i) => {
    const items = f.items.map((item) => {
      const subItems = item.subItems.map((sub) => {
        const lost = sub.scoring === 'evidence' ? Math.min(sub.points, (i % 7) * 1.5) : sub.scoring === 'inspection' && i % 3 === 0 ? 1 : 0;
        const score = sub.points - lost;
        const basis =
          sub.scoring === 'evidence'
            ? { way: 'evidence' as const, accepted: lost > 0 ? 0 : 1, pending: 0, rejected: 0 }
            : sub.scoring === 'inspection'
              ? { way: 'inspection' as const, inspections: 1, deductions: lost > 0 ? [{ schoolId: i, period: '2026-11', code: sub.code, score, points: sub.points, reason: '劝返记录不全，台账缺三月至五月的记录', remedy: null }] : [] }
              : { way: 'data' as const, figure: { formula: sub.formula!, done: 1, owed: 1 } };
        return { code: sub.code, name: sub.name, points: sub.points, score, basis };
      });
      return { name: item.name, points: item.points, score: subItems.reduce((s, x) => s + x.score, 0), subItems };
    });
    const total = Math.round(items.reduce((s, x) => s + x.score * 10, 0)) / 10;
    return { schoolId: i + 1, school: `第${i + 1}号乡村振兴示范学校九年一贯制`, townId: Math.floor(i / 3) + 1, town: `第${Math.floor(i / 3) + 1}镇街道办事处`, score: total, points: 100, items };
  });
  return { framework: f, period: scoringPeriod('2026-Q4', 'Asia/Shanghai'), schools };
}

const movement = { openAtStart: 3, opened: 5, returned: 2, transferred: 1, exempted: 0, openAtEnd: 5 };
const pageValues = (card: Card) =>
  findNodes(card.body, (n) => n.tag === 'button' && JSON.stringify(n).includes('bulletin_page')).map((b) => ({
    value: (b.behaviors as { value: Record<string, unknown> }[])[0]!.value,
    disabled: b.disabled === true,
  }));

describe('the bulletin card at province size (3,000 schools)', () => {
  const bulletin = bulletinOf(scores(3000), movement);

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
});
