import { describe, expect, it } from 'vitest';
import { buildSummaryCard, SUMMARY_CARD_MAX_BYTES } from '../../src/lark/cards/summary-card.js';
import { syntheticSummary } from '../helpers/synthetic-summary.js';
import type { Totals } from '../../src/domain/summary/build-bureau-summary.js';

/** Lark refuses a card message over 30 KB and a card over 200 elements. */
const LARK_CARD_BYTES = 30 * 1024;
const LARK_CARD_ELEMENTS = 200;

const elementsOf = (card: Record<string, unknown>) => (card.body as { elements: { tag: string; content?: string }[] }).elements;
const textOf = (card: Record<string, unknown>) => elementsOf(card).map((e) => e.content ?? '').join('\n');

describe('the summary card at scale', () => {
  it.each([true, false])('a province (3,000 schools in 1,000 towns) fits in one Lark card (past due: %s)', (pastDue) => {
    const summary = syntheticSummary('province', pastDue);
    const card = buildSummaryCard(summary, 'Asia/Shanghai');
    const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
    expect(bytes).toBeLessThanOrEqual(SUMMARY_CARD_MAX_BYTES);
    expect(bytes).toBeLessThanOrEqual(LARK_CARD_BYTES);
    // Not a near-empty card either: it uses most of the room.
    expect(bytes).toBeGreaterThan(SUMMARY_CARD_MAX_BYTES * 0.8);
    expect(elementsOf(card).length).toBeLessThanOrEqual(LARK_CARD_ELEMENTS);

    const text = textOf(card);
    // The scope totals, exactly.
    expect(text).toContain(`已填报 **${summary.totals.answered}/${summary.totals.expected}** 人`);
    expect(text).toContain(`走访户数 **${summary.totals.sums.home_visits}**`);
    // The children's totals, exactly, and the two that call for action on each town's line.
    const children = summary.children!.totals;
    expect(text).toContain(`特殊群体学生 **${children.listed}** 人：留守儿童 ${children.byCategory.留守儿童} · `);
    expect(text).toContain(`家访 **${children.visits.home + children.visits.phone + children.visits.video}** 次：入户 ${children.visits.home}`);
    expect(text).toContain(`预警 **${children.alert}** 人 · 关注 **${children.watch}** 人 · 重点学生本期未家访 **${children.unvisited}** 人`);
    // Town totals, worst first, cut with a count of the towns left out.
    const townsShown = summary.towns.filter((t) => text.includes(`\n${t.name}　${t.totals.answered}/${t.totals.expected} 人`));
    expect(townsShown.length).toBeGreaterThan(10);
    expect(text).toContain(`……另有 ${1000 - townsShown.length} 个镇街未列出`);
    const rate = (t: Totals) => t.answered / t.expected;
    const worstTown = [...summary.towns].sort((a, b) => rate(a.totals) - rate(b.totals))[0]!;
    expect(townsShown).toContainEqual(worstTown);
    expect(text).toContain(`新增预警人数 ${worstTown.totals.sums.new_alerts} · 学生预警 ${worstTown.children!.alert} · 未家访 ${worstTown.children!.unvisited}\n`);
    // The schools still missing answers, worst first, cut with a count.
    const behind = summary.towns.flatMap((t) => t.schools).filter((s) => !s.complete);
    const schoolsShown = behind.filter((s) => text.includes(` ${s.school}（${s.town}）　${s.answered}/${s.expected} 人`));
    expect(schoolsShown.length).toBeGreaterThan(20);
    expect(text).toContain(`……另有 ${behind.length - schoolsShown.length} 所学校未列出`);
    const worstSchool = [...behind].sort((a, b) => rate(a) - rate(b))[0]!;
    expect(schoolsShown).toContainEqual(worstSchool);
    expect(text).toContain(pastDue ? `已截止仍未完成的学校**（共 ${behind.length} 所` : `尚未完成 ${behind.length} 所`);
    if (pastDue) expect(text).toContain('🔴');
    // Complete schools are not listed; the officer is told how to see the detail.
    const complete = summary.towns.flatMap((t) => t.schools).find((s) => s.complete)!;
    expect(text).not.toContain(` ${complete.school}（${complete.town}）`);
    expect(text).toContain('汇总 镇街名');
  });

  it('a county (30 schools) still lists every school under its town', () => {
    const summary = syntheticSummary('county', true);
    const card = buildSummaryCard(summary, 'Asia/Shanghai');
    expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThanOrEqual(SUMMARY_CARD_MAX_BYTES);
    const text = textOf(card);
    for (const s of summary.towns.flatMap((t) => t.schools)) {
      expect(text).toContain(`${s.school}　${s.answered}/${s.expected} 人`);
      // Every school has students here, so every school has its children's line under it.
      const line = text.split('\n')[text.split('\n').findIndex((l) => l.includes(`${s.school}　`)) + 1]!;
      expect(line).toMatch(new RegExp(`^　学生：特殊群体 ${s.children!.listed}（.*· 预警 ${s.children!.alert} · 关注 ${s.children!.watch} · 未家访 ${s.children!.unvisited}$`));
    }
    for (const t of summary.towns) expect(text).toContain(`**${t.name}**　已填报 **${t.totals.answered}/${t.totals.expected}**`);
    expect(text).not.toContain('未列出');
  });
});
