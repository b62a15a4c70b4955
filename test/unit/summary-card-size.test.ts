import { describe, expect, it } from 'vitest';
import { buildSummaryCard, SUMMARY_CARD_MAX_BYTES, SUMMARY_CARD_MAX_ELEMENTS } from '../../src/lark/cards/summary-card.js';
import { syntheticSummary } from '../helpers/synthetic-summary.js';
import type { Totals } from '../../src/domain/summary/build-bureau-summary.js';
import { bytesOf, componentsOf, LARK_CARD_BYTES, LARK_CARD_ELEMENTS, pageButtons, pageOf, textOf, type Card } from '../helpers/summary-pages.js';

const within = (card: Card) => {
  expect(bytesOf(card)).toBeLessThanOrEqual(SUMMARY_CARD_MAX_BYTES);
  expect(bytesOf(card)).toBeLessThanOrEqual(LARK_CARD_BYTES);
  expect((card.body as { elements: unknown[] }).elements.length).toBeLessThanOrEqual(SUMMARY_CARD_MAX_ELEMENTS);
  expect(componentsOf(card)).toBeLessThanOrEqual(LARK_CARD_ELEMENTS);
};
const rate = (t: { answered: number; expected: number }) => t.answered / t.expected;

describe('the summary card at scale', () => {
  it.each([true, false])('a province (3,000 schools in 1,000 towns): every page fits in a Lark card and every school is on one (past due: %s)', (pastDue) => {
    const summary = syntheticSummary('province', pastDue);
    const first = buildSummaryCard(summary, 'Asia/Shanghai');
    within(first);
    expect(pageOf(first)).toEqual([1, 150]);
    const text = textOf(first);
    // The scope totals, exactly.
    expect(text).toContain(`已填报 **${summary.totals.answered}/${summary.totals.expected}** 人`);
    expect(text).toContain(`走访户数 **${summary.totals.sums.home_visits}**`);
    const children = summary.children!.totals;
    expect(text).toContain(`特殊群体学生 **${children.listed}** 人：留守儿童 ${children.byCategory.留守儿童} · `);
    expect(text).toContain(`预警 **${children.alert}** 人 · 关注 **${children.watch}** 人 · 重点学生本期未家访 **${children.unvisited}** 人`);
    // Town totals, worst first, cut with a count of the towns left out.
    const townsShown = summary.towns.filter((t) => text.includes(`\n${t.name}　${t.totals.answered}/${t.totals.expected} 人`));
    expect(townsShown.length).toBeGreaterThan(10);
    expect(text).toContain(`……另有 ${1000 - townsShown.length} 个镇街未列出`);
    const worstTown = [...summary.towns].sort((a, b) => rate(a.totals) - rate(b.totals))[0]!;
    expect(townsShown).toContainEqual(worstTown);
    // The schools furthest behind and ahead lead the first page.
    const schools = summary.towns.flatMap((t) => t.schools);
    const byRate = [...schools].sort((a, b) => rate(a) - rate(b));
    const firstNamed = (heading: string) => {
      const [name, percent] = new RegExp(`\\*\\*${heading}\\*\\*：(\\S+) (\\d+)%`).exec(text)!.slice(1);
      const school = schools.find((s) => s.school === name)!;
      expect(Math.round(rate(school) * 100)).toBe(Number(percent));
      return school;
    };
    expect(rate(firstNamed('最需关注'))).toBe(rate(byRate[0]!));
    expect(rate(firstNamed('完成最好'))).toBe(1);
    // The pager: 上一页 disabled on the first page, 下一页 opens page 2 of the same selection.
    const buttons = pageButtons(first);
    expect(buttons.上一页!.disabled).toBe(true);
    expect(buttons.下一页).toEqual({ disabled: false, value: { action: 'summary_page', campaign: summary.campaign.code, period: summary.period, page: 2 } });
    // Every page: within the limits, 20 schools each, every school on exactly one page.
    const seen = new Map<number, number>();
    for (let page = 1; page <= 150; page++) {
      const card = page === 1 ? first : buildSummaryCard(summary, 'Asia/Shanghai', { page });
      within(card);
      const pageText = textOf(card);
      for (const s of schools) if (pageText.includes(`${s.school}　${s.answered}/${s.expected} 人`)) seen.set(s.schoolId, (seen.get(s.schoolId) ?? 0) + 1);
    }
    expect(seen.size).toBe(3000);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    if (pastDue) expect(text).toContain('🔴');
    // A page past the end shows the last one.
    expect(pageOf(buildSummaryCard(summary, 'Asia/Shanghai', { page: 999 }))).toEqual([150, 150]);
  });

  it('a county (30 schools) lists every school under its town, over two pages', () => {
    const summary = syntheticSummary('county', true);
    const pages = [1, 2].map((page) => buildSummaryCard(summary, 'Asia/Shanghai', { page }));
    pages.forEach(within);
    expect(pages.map(pageOf)).toEqual([
      [1, 2],
      [2, 2],
    ]);
    const text = pages.map(textOf).join('\n');
    for (const s of summary.towns.flatMap((t) => t.schools)) {
      expect(text).toContain(`${s.school}　${s.answered}/${s.expected} 人`);
      // Every school has students here, so every school has its children's line under it.
      const line = text.split('\n')[text.split('\n').findIndex((l) => l.includes(`${s.school}　`)) + 1]!;
      expect(line).toMatch(new RegExp(`^　学生：特殊群体 ${s.children!.listed}（.*· 预警 ${s.children!.alert} · 关注 ${s.children!.watch} · 未家访 ${s.children!.unvisited}`));
    }
    for (const t of summary.towns) expect(text).toContain(`**${t.name}**　已填报 **${t.totals.answered}/${t.totals.expected}**`);
    const total: Totals = summary.totals;
    expect(textOf(pages[1]!)).toContain(`已填报 **${total.answered}/${total.expected}** 人`);
    expect(pageButtons(pages[1]!).下一页!.disabled).toBe(true);
    expect(pageButtons(pages[1]!).上一页!.value.page).toBe(1);
  });
});
