import { describe, expect, it } from 'vitest';
import { buildSummaryCard, SUMMARY_CARD_MAX_BYTES, SUMMARY_CARD_MAX_ELEMENTS } from '../../src/lark/cards/summary-card.js';
import { buildPrincipalSummaryCard } from '../../src/lark/cards/principal-summary-card.js';
import { syntheticSummary } from '../helpers/synthetic-summary.js';
import { findNodes } from '../helpers/card-tree.js';
import { bytesOf, componentsOf, LARK_CARD_BYTES, LARK_CARD_ELEMENTS, pageOf, textOf, type Card } from '../helpers/summary-pages.js';

const within = (card: Card) => {
  expect(bytesOf(card)).toBeLessThanOrEqual(SUMMARY_CARD_MAX_BYTES);
  expect(bytesOf(card)).toBeLessThanOrEqual(LARK_CARD_BYTES);
  expect((card.body as { elements: unknown[] }).elements.length).toBeLessThanOrEqual(SUMMARY_CARD_MAX_ELEMENTS);
  expect(componentsOf(card)).toBeLessThanOrEqual(LARK_CARD_ELEMENTS);
};

describe('the principals’ summary card (月有安排 …)', () => {
  it('a county: every school under its town over two pages, filed on time, late or not, and the names not filed', () => {
    const summary = syntheticSummary('county', true, 'principals');
    const pages = [1, 2].map((page) => buildSummaryCard(summary, 'Asia/Shanghai', { page }));
    pages.forEach(within);
    expect(pages.map(pageOf)).toEqual([
      [1, 2],
      [2, 2],
    ]);
    const text = pages.map(textOf).join('\n');
    const schools = summary.towns.flatMap((t) => t.schools);
    const missing = schools.filter((s) => s.answered === 0);
    const late = schools.filter((s) => s.answered === 1 && s.late === 1);
    const onTime = schools.filter((s) => s.answered === 1 && s.late === 0);
    // The seed gives every kind, so each line below is checked.
    expect([missing.length, late.length, onTime.length].every((n) => n > 0)).toBe(true);
    expect(text).toContain(`校长已填报 **${summary.totals.answered}/${summary.totals.expected}** 人`);
    expect(text).toContain(`其中逾期 **${late.length}** 人`);
    expect(textOf(pages[0]!)).toContain(`已截止仍未填报的学校**（共 ${missing.length} 所）\n${missing.map((s) => `${s.school}（${s.town}）`).join('、')}`);
    for (const s of missing) expect(text).toContain(`🔴 ${s.school}　未填报`);
    for (const s of late) expect(text).toContain(`🕒 ${s.school}　逾期填报`);
    for (const s of onTime) expect(text).toContain(`✅ ${s.school}　按时填报`);
    for (const t of summary.towns) expect(text).toContain(`**${t.name}**　已填报 ${t.totals.answered}/${t.totals.expected}`);
    expect((pages[0]!.header as { template: string }).template).toBe('orange');
  });

  it('before the deadline the schools not filed are pending, not red', () => {
    const text = textOf(buildSummaryCard(syntheticSummary('county', false, 'principals'), 'Asia/Shanghai'));
    expect(text).toContain('**尚未填报的学校**');
    expect(text).toContain('⏳');
    expect(text).not.toContain('🔴');
  });

  it('1:1, a filed school’s row carries the button that opens its report, ten schools a page', () => {
    const summary = { ...syntheticSummary('county', true, 'principals'), roundId: 7 };
    const reportButton = (o: { roundId: number; schoolId: number }) => ({ tag: 'button', text: { tag: 'plain_text', content: '查看报告' }, behaviors: [{ type: 'callback', value: { action: 'open_report', round_id: o.roundId, school_id: o.schoolId } }] });
    const card = buildPrincipalSummaryCard(summary, 'Asia/Shanghai', { buttons: true, reportButton });
    within(card);
    expect(pageOf(card)).toEqual([1, 3]);
    const values = findNodes(card.body, (n) => n.tag === 'button' && JSON.stringify(n).includes('open_report')).map((b) => (b.behaviors as { value: { school_id: number } }[])[0]!.value);
    const firstTen = summary.towns.flatMap((t) => t.schools).slice(0, 10);
    expect(values.map((v) => v.school_id)).toEqual(firstTen.filter((s) => s.answered > 0).map((s) => s.schoolId));
    expect(values.every((v) => (v as unknown as { round_id: number }).round_id === 7)).toBe(true);
    // In a group (no buttons) the same card has none.
    const inGroup = buildPrincipalSummaryCard(summary, 'Asia/Shanghai', { buttons: false, reportButton });
    expect(JSON.stringify(inGroup)).not.toContain('open_report');
  });

  it.each([true, false])('a province (3,000 schools in 1,000 towns): the first and last pages fit in a Lark card (past due: %s)', (pastDue) => {
    const summary = syntheticSummary('province', pastDue, 'principals');
    const card = buildSummaryCard(summary, 'Asia/Shanghai');
    within(card);
    expect(bytesOf(card)).toBeGreaterThan(SUMMARY_CARD_MAX_BYTES * 0.8);
    expect(pageOf(card)).toEqual([1, 150]);
    const text = textOf(card);
    expect(text).toContain(`校长已填报 **${summary.totals.answered}/${summary.totals.expected}** 人`);
    // The schools not filed, by name, cut with a count of those left out.
    const missing = summary.towns.flatMap((t) => t.schools).filter((s) => s.answered < s.expected);
    const named = missing.filter((s) => text.includes(`${s.school}（${s.town}）`));
    expect(named.length).toBeGreaterThan(50);
    expect(named).toEqual(missing.slice(0, named.length));
    expect(text).toContain(`（共 ${missing.length} 所）`);
    expect(text).toContain(`……另有 ${missing.length - named.length} 所学校未列出`);
    // Town totals, worst first, cut with a count.
    const shown = summary.towns.filter((t) => text.includes(`\n${t.name}　${t.totals.answered}/${t.totals.expected} 人`));
    expect(shown.length).toBeGreaterThan(10);
    expect(text).toContain(`……另有 ${1000 - shown.length} 个镇街未列出`);
    const worst = [...summary.towns].sort((a, b) => a.totals.answered / a.totals.expected - b.totals.answered / b.totals.expected)[0]!;
    expect(shown).toContainEqual(worst);
    const last = buildSummaryCard(summary, 'Asia/Shanghai', { page: 150 });
    within(last);
    const lastSchool = summary.towns.at(-1)!.schools.at(-1)!;
    expect(textOf(last)).toContain(` ${lastSchool.school}　`);
  });
});
