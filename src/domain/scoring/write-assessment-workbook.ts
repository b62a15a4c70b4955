import type { Writable } from 'node:stream';
import type { Db } from '../../db/database.js';
import { scoreWorkbookTexts as t } from '../../texts/score-workbook-texts.js';
import { writeWorkbook } from '../export/write-workbook.js';
import { rankSchools } from './rank-schools.js';
import { lostSheet, lostSubItems, subItemsSheet, totalsSheet } from './score-sheets.js';
import { scoreSchools } from './score-schools.js';

export type AssessmentWorkbook = { fileName: string; year: number; schools: number; rows: Record<string, number> };


/**
 * 考核: a year's result per school for the year-end assessment, streamed into `out` as .xlsx —
 * 总分 (shared ranks, each 大项), 子项得分 (every school × sub-item, how and why), 扣分明细 (every
 * sub-item a school lost points on, with the reasons as given). Schools only, never a child.
 */
export async function writeAssessmentWorkbook(db: Db, o: { year: number; timezone: string }, out: Writable): Promise<AssessmentWorkbook> {
  const scores = await scoreSchools(db, { label: String(o.year), timezone: o.timezone });
  const lost = scores.schools.map((school) => ({ school, lost: lostSubItems(school) })).filter((e) => e.lost.length > 0);
  const rows = await writeWorkbook(
    [totalsSheet(t.sheets.totals, scores, rankSchools(scores.schools)), subItemsSheet(scores), lostSheet(t.sheets.lost, lost)],
    out,
    { timezone: o.timezone },
  );
  return { fileName: t.assessmentFileName(o.year), year: o.year, schools: scores.schools.length, rows };
}
