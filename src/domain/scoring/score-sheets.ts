import type { DropoutMovement } from '../../db/queries/dropout-movement.js';
import type { Shown } from '../../texts/shown.js';
import { scoreWorkbookTexts as t } from '../../texts/score-workbook-texts.js';
import type { Cell, SheetColumn, SheetSpec } from '../export/write-workbook.js';
import { describeBasis, roundTenth } from './describe-basis.js';
import type { RankedSchool } from './rank-schools.js';
import type { PeriodScores, SchoolScore, SubItemScore } from './score-schools.js';

/**
 * The sheets of the supervision results' files, from scores already computed: schools and
 * sub-items only, never a child. Text cells are neutralised by the writer (a reason typed as
 * `=…` stays text), so here the inspectors' reasons go in as they were written.
 */

const h = t.headers;
const text = (header: string): SheetColumn => ({ header, kind: 'text' });
const number = (header: string): SheetColumn => ({ header, kind: 'number' });

async function* each(rows: readonly (readonly Cell[])[]): AsyncGenerator<readonly Cell[]> {
  yield* rows;
}

/** In a cell a reason is text, not markup: it goes in as the inspector typed it. */
const asTyped = (raw: string) => raw as Shown;
/** Every deduction spelled out, with its month and reason: the file is where the whole story is read. */
const basisInFull = (sub: SubItemScore) => describeBasis(sub, { escape: asTyped });
const lostOf = (sub: SubItemScore) => roundTenth(sub.points - sub.score);
const remediesOf = (sub: SubItemScore) =>
  sub.basis.way === 'inspection'
    ? sub.basis.deductions
        .filter((d) => d.remedy)
        .map((d) => `${d.period} ${d.remedy}`)
        .join('；')
    : null;

/** One column per 大项, headed with its points. */
const itemColumns = (scores: PeriodScores) => scores.framework.items.map((item) => number(h.itemPoints(item.name, item.points)));

/** 总分 (ranked, best first) or 各校得分 (the bulletin's roster order): a line per school, its total and each 大项. */
export function totalsSheet(name: string, scores: PeriodScores, lines: readonly (RankedSchool | { rank?: undefined; school: SchoolScore })[]): SheetSpec {
  const ranked = lines.some((l) => l.rank !== undefined);
  return {
    name,
    columns: [...(ranked ? [number(h.rank)] : []), text(h.town), text(h.school), number(h.total), ...itemColumns(scores)],
    rows: each(lines.map(({ rank, school }) => [...(ranked ? [rank] : []), school.town, school.school, school.score, ...school.items.map((i) => i.score)])),
  };
}

/** 子项得分: every school × sub-item, how it was scored and why, in the roster's and the framework's order. */
export function subItemsSheet(scores: PeriodScores): SheetSpec {
  const rows = scores.schools.flatMap((school) =>
    school.items.flatMap((item) => item.subItems.map((sub) => [school.town, school.school, item.name, sub.code, sub.name, sub.points, sub.score, t.ways[sub.basis.way], basisInFull(sub)])),
  );
  return {
    name: t.sheets.subItems,
    columns: [text(h.town), text(h.school), text(h.item), text(h.code), text(h.subItem), number(h.points), number(h.score), text(h.way), text(h.basis)],
    rows: each(rows),
  };
}

/** Every sub-item a school did not get full points on, in the framework's order. */
export const lostSubItems = (school: SchoolScore): SubItemScore[] => school.items.flatMap((i) => i.subItems).filter((s) => lostOf(s) > 0);

/**
 * 扣分明细 / 落后约谈: a line per lost sub-item — points lost, and why: the inspectors' reasons as
 * given with their months, the data's figures, or the evidence's state; the inspectors' remedies.
 */
export function lostSheet(name: string, entries: readonly { school: SchoolScore; lost: readonly SubItemScore[] }[]): SheetSpec {
  const rows = entries.flatMap(({ school, lost }) =>
    lost.map((sub) => [school.town, school.school, school.score, sub.code, sub.name, t.ways[sub.basis.way], sub.points, sub.score, lostOf(sub), basisInFull(sub), remediesOf(sub)]),
  );
  return {
    name,
    columns: [text(h.town), text(h.school), number(h.total), text(h.code), text(h.subItem), text(h.way), number(h.points), number(h.score), number(h.lost), text(h.reason), text(h.remedy)],
    rows: each(rows),
  };
}

/** 辍学动态: the register's movement over the period, county-wide (counts only). */
export function movementSheet(movement: DropoutMovement): SheetSpec {
  const order = ['openAtStart', 'opened', 'returned', 'transferred', 'exempted', 'openAtEnd'] as const;
  return {
    name: t.sheets.dropouts,
    columns: [text(h.movement), number(h.cases)],
    rows: each(order.map((k) => [t.movement[k], movement[k]])),
  };
}
