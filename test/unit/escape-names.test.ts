import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/db/queries/campaigns.js';
import type { BureauSummary, SchoolLine, Totals } from '../../src/domain/summary/build-bureau-summary.js';
import { escapeMarkdown, escapeText, unescapeMarkdown, unescapeText } from '../../src/lark/cards/escape-markdown.js';
import { confirmQuestion } from '../../src/lark/cards/confirm-answer-card.js';
import { buildPrincipalReminderCard } from '../../src/lark/cards/reminder-card.js';
import { buildSummaryCard } from '../../src/lark/cards/summary-card.js';
import { buildLaggingText, buildNudgeText, buildReceiptText, buildRespondentReminderText } from '../../src/lark/cards/text-messages.js';
import { findNodes } from '../helpers/card-tree.js';

/**
 * Any name from people — markup, entities, emoji codes, list markers, backslashes, CJK — goes
 * through every card and text as literal text: rendered with hostile names, a card's markdown
 * holds exactly the markup it holds with a plain name (no `<at>`, link, `**` or `<font>` more),
 * and un-escaping it gives each name back.
 */

const FRAGMENTS = [
  '<at id=all></at>',
  '<at user_id="all">全体</at>',
  '[点我](http://evil.example/s)',
  '**',
  '*',
  '__',
  '~~',
  "<font color='red'>",
  '</font>',
  '<a href="http://x">',
  '<link url="http://x">',
  '&#60;',
  '&lt;',
  '&amp;',
  '\\',
  '`',
  ':OK:',
  '# ',
  '- ',
  '1. ',
  '> ',
  '|',
  '$',
  '![i](img_v2)',
  '（东校区）',
  '小学',
];
const CONTROL = /[\u0000-\u001f\u007f]/;
/** Names as people might type them, and as an attacker would: fragments of markup among any text. */
const name = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(''))
  .filter((n) => n.trim() !== '' && !CONTROL.test(n) && !/[＜＞［］＊]/.test(n));

const PLAIN = '甲';
/** Counts of each ASCII punctuation mark once the escaper's own entities are taken out: the markup a text carries. */
function markupOf(markdown: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of markdown.replace(/&#\d+;/g, '').match(/[!-/:-@[-`{-~]/g) ?? []) counts[c] = (counts[c] ?? 0) + 1;
  return counts;
}
const TEXT_MARKUP = /[<>[\]*]/g;
const textMarkupOf = (text: string) => (text.match(TEXT_MARKUP) ?? []).sort().join('');
const markdownOf = (card: Record<string, unknown>) =>
  findNodes(card, (n) => n.tag === 'markdown' && typeof n.content === 'string')
    .map((n) => n.content as string)
    .join('\n');

const totals = (expected: number, answered: number): Totals => ({ expected, answered, late: 0, sums: { visits: answered } });
function summaryWith(n: { towns: [string, string]; schools: [string, string, string]; label: string; scope: boolean }, audience: 'teachers' | 'principals'): BureauSummary {
  const school = (i: number, town: string, answered: number): SchoolLine => ({
    townId: i < 2 ? 1 : 2,
    town,
    schoolId: i,
    school: n.schools[i]!,
    ...totals(3, answered),
    complete: answered === 3,
    lagging: answered < 3,
  });
  const one = [school(0, n.towns[0], 1), school(1, n.towns[0], 3)];
  const two = [school(2, n.towns[1], 0)];
  return {
    campaign: { id: 1, code: 'c', title: '月报', audience, active: true } as unknown as Campaign,
    columns: audience === 'teachers' ? [{ name: 'visits', label: n.label }] : [],
    period: '2026-12',
    rounds: 1,
    query: { campaign: 'c', period: '2026-12' },
    trend: [],
    dueAt: new Date('2026-12-25T10:00:00Z'),
    pastDue: true,
    town: n.scope ? n.towns[0] : undefined,
    school: undefined,
    towns: [
      { name: n.towns[0], schools: one, totals: totals(6, 4) },
      { name: n.towns[1], schools: two, totals: totals(3, 0) },
    ],
    totals: totals(9, 4),
  };
}

describe('escaping names for Lark', () => {
  it('escapeMarkdown leaves no markup character and unescapeMarkdown gives the name back', () => {
    fc.assert(
      fc.property(name, (n) => {
        const shown = escapeMarkdown(n);
        expect(shown.replace(/&#\d+;/g, '')).not.toMatch(/[!-/:-@[-`{-~]/);
        expect(unescapeMarkdown(shown)).toBe(n);
      }),
    );
  });

  it('escapeText leaves no < > [ ] * and unescapeText gives the name back', () => {
    fc.assert(
      fc.property(name, (n) => {
        expect(escapeText(n)).not.toMatch(TEXT_MARKUP);
        expect(unescapeText(escapeText(n))).toBe(n);
      }),
    );
  });

  it('control characters in a name become spaces, so a name cannot start a line of its own', () => {
    expect(escapeMarkdown('甲\n# 乙')).toBe('甲 &#35; 乙');
    expect(escapeText('甲\n<at user_id="all">')).toBe('甲 ＜at user_id="all"＞');
  });
});

describe('every card and text shows any roster name literally', () => {
  const names = fc.record({
    towns: fc.tuple(name, name),
    schools: fc.tuple(name, name, name),
    label: name,
    scope: fc.boolean(),
  });
  const plain = { towns: [PLAIN, PLAIN] as [string, string], schools: [PLAIN, PLAIN, PLAIN] as [string, string, string], label: PLAIN };

  for (const audience of ['teachers', 'principals'] as const) {
    it(`the bureau's summary card (${audience})`, () => {
      fc.assert(
        fc.property(names, (n) => {
          const markdown = markdownOf(buildSummaryCard(summaryWith(n, audience), 'Asia/Shanghai'));
          const baseline = markdownOf(buildSummaryCard(summaryWith({ ...plain, scope: n.scope }, audience), 'Asia/Shanghai'));
          expect(markupOf(markdown)).toEqual(markupOf(baseline));
          const read = unescapeMarkdown(markdown);
          for (const each of [...n.towns, ...n.schools, ...(audience === 'teachers' ? [n.label] : [])]) expect(read).toContain(each);
        }),
        { numRuns: 60 },
      );
    });
  }

  it("the principal's reminder card", () => {
    const card = (n: { principal: string; school: string; title: string; missing: string[] }) =>
      buildPrincipalReminderCard({
        period: '2026-12',
        campaignTitle: n.title,
        principalName: n.principal,
        school: n.school,
        due: '2026-12-25 18:00',
        dueToday: true,
        expected: 5,
        missing: n.missing,
        roundId: 1,
        schoolId: 1,
      });
    fc.assert(
      fc.property(fc.record({ principal: name, school: name, title: name, missing: fc.array(name, { minLength: 1, maxLength: 4 }) }), (n) => {
        const markdown = markdownOf(card(n));
        const baseline = markdownOf(card({ principal: PLAIN, school: PLAIN, title: PLAIN, missing: n.missing.map(() => PLAIN) }));
        expect(markupOf(markdown)).toEqual(markupOf(baseline));
        const read = unescapeMarkdown(markdown);
        for (const each of [n.principal, n.school, n.title, ...n.missing]) expect(read).toContain(each);
      }),
      { numRuns: 60 },
    );
  });

  it("the confirmation card's question (field labels from the campaign file)", () => {
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 3 }), (labels) => {
        const question = (ls: string[]) => confirmQuestion(ls.map((label) => ({ label, value: 999, plausibleMax: 200 })));
        expect(markupOf(question(labels))).toEqual(markupOf(question(labels.map(() => PLAIN))));
        for (const label of labels) expect(unescapeMarkdown(question(labels))).toContain(label);
      }),
    );
  });

  it('the 【落后提醒】, the nudge, the 1:1 reminder and the receipt (text messages)', () => {
    const texts = (n: { town: string; school: string; title: string; teachers: string[] }) => [
      buildLaggingText({
        title: n.title,
        period: '2026-12',
        due: '2026-12-25 18:00',
        workdays: 3,
        command: `汇总 ${n.title} 2026-12`,
        schools: [{ town: n.town, school: n.school, answered: 1, expected: 3 }],
      }),
      buildNudgeText({
        teachers: n.teachers.map((t, i) => ({ openId: `ou_${i}`, name: t })),
        title: n.title,
        due: '2026-12-25 18:00',
        example: '走访2户',
        pastDue: false,
      }),
      buildRespondentReminderText({ name: n.teachers[0]!, honorific: '老师', period: '2026-12', title: n.title, due: '2026-12-25 18:00' }),
      buildReceiptText({
        name: n.teachers[0]!,
        honorific: '老师',
        period: '2026-12',
        title: n.title,
        echo: `备注 ${n.school}`,
        replaced: true,
        changes: [`备注 ${n.town}→${n.school}`],
        late: false,
        due: '2026-12-25 18:00',
        masked: [{ label: n.title, ids: 1, mobiles: 0 }],
      }),
    ];
    fc.assert(
      fc.property(fc.record({ town: name, school: name, title: name, teachers: fc.array(name, { minLength: 1, maxLength: 4 }) }), (n) => {
        const got = texts(n);
        const baseline = texts({ town: PLAIN, school: PLAIN, title: PLAIN, teachers: n.teachers.map(() => PLAIN) });
        got.forEach((text, i) => {
          expect(textMarkupOf(text)).toBe(textMarkupOf(baseline[i]!));
          expect([...text.matchAll(/<at user_id="([^"]*)">/g)].map((m) => m[1])).toEqual(i === 1 ? n.teachers.map((_, j) => `ou_${j}`) : []);
        });
        const read = got.map(unescapeText).join('\n');
        for (const each of [n.town, n.school, n.title, ...n.teachers]) expect(read).toContain(each);
      }),
      { numRuns: 100 },
    );
  });
});
