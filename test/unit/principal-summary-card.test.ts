import { describe, expect, it } from 'vitest';
import { buildSummaryCard, SUMMARY_CARD_MAX_BYTES, SUMMARY_CARD_MAX_ELEMENTS } from '../../src/lark/cards/summary-card.js';
import { syntheticSummary } from '../helpers/synthetic-summary.js';

/** Lark refuses a card message over 30 KB and a card over 200 elements. */
const LARK_CARD_BYTES = 30 * 1024;

const elementsOf = (card: Record<string, unknown>) => (card.body as { elements: { tag: string; content?: string }[] }).elements;
const textOf = (card: Record<string, unknown>) => elementsOf(card).map((e) => e.content ?? '').join('\n');
const bytesOf = (card: unknown) => Buffer.byteLength(JSON.stringify(card), 'utf8');

describe('the principals’ summary card (月有安排 …)', () => {
  it('a county: every school under its town, filed on time, late or not, and the names not filed', () => {
    const summary = syntheticSummary('county', true, 'principals');
    const card = buildSummaryCard(summary, 'Asia/Shanghai');
    expect(bytesOf(card)).toBeLessThanOrEqual(SUMMARY_CARD_MAX_BYTES);
    const text = textOf(card);
    const schools = summary.towns.flatMap((t) => t.schools);
    const missing = schools.filter((s) => s.answered === 0);
    const late = schools.filter((s) => s.answered === 1 && s.late === 1);
    const onTime = schools.filter((s) => s.answered === 1 && s.late === 0);
    // The seed gives every kind, so each line below is checked.
    expect([missing.length, late.length, onTime.length].every((n) => n > 0)).toBe(true);
    expect(text).toContain(`校长已填报 **${summary.totals.answered}/${summary.totals.expected}** 人`);
    expect(text).toContain(`其中逾期 **${late.length}** 人`);
    expect(text).toContain(`已截止仍未填报的学校**（共 ${missing.length} 所）\n${missing.map((s) => `${s.school}（${s.town}）`).join('、')}`);
    for (const s of missing) expect(text).toContain(`🔴 ${s.school}　未填报`);
    for (const s of late) expect(text).toContain(`🕒 ${s.school}　逾期填报`);
    for (const s of onTime) expect(text).toContain(`✅ ${s.school}　按时填报`);
    for (const t of summary.towns) expect(text).toContain(`**${t.name}**　已填报 ${t.totals.answered}/${t.totals.expected}`);
    expect(text).not.toContain('未列出');
    expect((card.header as { template: string }).template).toBe('orange');
  });

  it('before the deadline the schools not filed are pending, not red', () => {
    const text = textOf(buildSummaryCard(syntheticSummary('county', false, 'principals'), 'Asia/Shanghai'));
    expect(text).toContain('**尚未填报的学校**');
    expect(text).toContain('⏳');
    expect(text).not.toContain('🔴');
  });

  it.each([true, false])('a province (3,000 schools in 1,000 towns) fits in one Lark card (past due: %s)', (pastDue) => {
    const summary = syntheticSummary('province', pastDue, 'principals');
    const card = buildSummaryCard(summary, 'Asia/Shanghai');
    const bytes = bytesOf(card);
    expect(bytes).toBeLessThanOrEqual(SUMMARY_CARD_MAX_BYTES);
    expect(bytes).toBeLessThanOrEqual(LARK_CARD_BYTES);
    expect(bytes).toBeGreaterThan(SUMMARY_CARD_MAX_BYTES * 0.8);
    expect(elementsOf(card).length).toBeLessThanOrEqual(SUMMARY_CARD_MAX_ELEMENTS);
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
    // No per-school lines: the officer is told how to see the detail.
    const filed = summary.towns.flatMap((t) => t.schools).find((s) => s.answered === 1 && s.late === 0)!;
    expect(text).not.toContain(`✅ ${filed.school}`);
    expect(text).toContain('汇总 镇街名');
  });
});
