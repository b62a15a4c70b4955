import type { Writable } from 'node:stream';
import type { Db } from '../../db/database.js';
import { scoreWorkbookTexts as t } from '../../texts/score-workbook-texts.js';
import { writeWorkbook } from '../export/write-workbook.js';
import { readBulletin } from './read-bulletin.js';
import { lostSheet, movementSheet, totalsSheet } from './score-sheets.js';
import { periodWords } from './scoring-span.js';

export type BulletinWorkbook = { fileName: string; period: string; schools: number; lagging: number; rows: Record<string, number> };

/**
 * 通报 导出: the bulletin's figures in full, streamed into `out` as .xlsx — 各校得分 (every school
 * by 大项, as the card lists them), 落后约谈 (each lagging school with every sub-item it lost and
 * why, where the card names three), 辍学动态 (the register's movement). Counts and schools only.
 */
export async function writeBulletinWorkbook(db: Db, o: { label: string; timezone: string }, out: Writable): Promise<BulletinWorkbook> {
  const bulletin = await readBulletin(db, o);
  const rows = await writeWorkbook(
    [
      totalsSheet(t.sheets.schools, bulletin, bulletin.schools.map((school) => ({ school }))),
      lostSheet(t.sheets.lagging, bulletin.lagging.map(({ school, lacking }) => ({ school, lost: lacking }))),
      movementSheet(bulletin.dropouts),
    ],
    out,
    { timezone: o.timezone },
  );
  const period = periodWords(bulletin.period.label);
  return { fileName: t.bulletinFileName(period), period, schools: bulletin.schools.length, lagging: bulletin.lagging.length, rows };
}
