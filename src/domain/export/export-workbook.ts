import type { Writable } from 'node:stream';
import { listActiveCampaigns, type Campaign } from '../../db/queries/campaigns.js';
import { listSchoolsWithTowns, type ExportScope, type ExportWindow } from '../../db/queries/export-workbook.js';
import type { Person } from '../../db/queries/people.js';
import type { Round } from '../../db/queries/rounds.js';
import type { Db } from '../../db/database.js';
import { DomainError } from '../../errors.js';
import { exportTexts as t } from '../../texts/export-texts.js';
import { audit, type AuditOrigin } from '../register/audit.js';
import { studentViewFor } from '../register/student-access.js';
import { maskStudentName } from '../students/mask-name.js';
import { buildBureauSummary } from '../summary/build-bureau-summary.js';
import { findSummaryRound, selectPeriod, type SummaryWords } from '../summary/summary-campaign.js';
import { dayWindowOf } from '../summary/summary-periods.js';
import { localDate, zonedInstant } from '../time/zoned-time.js';
import { aidSheet, checkinsSheet, dropoutsSheet, registerSheet, reportsSheet, summarySheet, visitsSheet, type ChildNamer } from './workbook-sheets.js';
import { writeWorkbook } from './write-workbook.js';

/**
 * Who asks: a person 1:1 (children named as the role matrix lets them see each child), or the
 * command line's operator (full names only with `--with-names`).
 */
export type ExportAsker = { person: Pick<Person, 'id' | 'role' | 'schoolId'>; origin: AuditOrigin } | { cli: { withNames: boolean } };

export type ExportedWorkbook = { fileName: string; scope: string; campaign: string; period: string; rows: Record<string, number>; named: number; full: boolean };

/**
 * The bureau's workbook for a campaign's round (`导出 [项目] [月份] [镇街|学校]`, the same words as
 * 汇总): the summary, the round's answers, and the children's sheets for the same place and period,
 * streamed into `out`. Anyone named in it is an audited read: one audit row for the export.
 */
export async function exportWorkbook(db: Db, input: SummaryWords & { now: Date; timezone: string; asker: ExportAsker }, out: Writable): Promise<ExportedWorkbook> {
  const { now, timezone, asker, ...words } = input;
  const summary = await buildBureauSummary(db, { now, timezone, ...words });
  // The same period as the summary's: a round, or a quarter's or a year's months.
  const { campaign, words: placeWords, selection } = await selectPeriod(db, { ...words, now, timezone });
  if (!selection) throw new DomainError('no_round', t.badArgs);
  const round = selection.rounds[selection.rounds.length - 1]!;
  const lines = summary.towns.flatMap((town) => town.schools);
  const named = placeWords.town !== undefined || placeWords.school !== undefined || placeWords.place !== undefined;
  const scope: ExportScope = { schoolIds: named ? await schoolIdsOf(db, lines) : undefined };
  const scopeName = !named ? t.everywhere : (summary.group ?? (lines.length === 1 ? lines[0]!.school : (lines[0]?.town ?? t.everywhere)));
  const window = selection.rounds.length > 1 ? dayWindowOf(selection.label)! : exportWindow(round, placeWords.period, timezone);
  const instants = { from: zonedInstant(timezone, dayParts(window.from)), until: zonedInstant(timezone, dayParts(window.until)) };
  const full = 'cli' in asker ? asker.cli.withNames : undefined;
  const namedIds = new Set<number>();
  let allFull = true;
  const namer: ChildNamer = {
    full: full ?? ('person' in asker && (asker.person.role === 'bureau' || asker.person.role === 'admin')),
    name(student) {
      namedIds.add(student.studentId);
      const shown = full ?? ('person' in asker && studentViewFor(asker.person, student, { visited: false }) === 'detail');
      if (!shown) allFull = false;
      return shown ? student.name : maskStudentName(student.name);
    },
  };
  const reports = await principalsRounds(db, { campaign, period: placeWords.period, now, timezone });
  const rows = await writeWorkbook(
    [
      summarySheet(lines, summary.columns),
      checkinsSheet(db, { ...scope, campaign, rounds: selection.rounds, full: namer.full }),
      visitsSheet(db, { ...scope, window, namer }),
      registerSheet(db, { ...scope, window, namer }),
      dropoutsSheet(db, { ...scope, ...instants, namer }),
      aidSheet(db, { ...scope, window, namer }),
      reportsSheet(db, { ...scope, rounds: reports, full: namer.full }),
    ],
    out,
    { timezone },
  );
  const result = { fileName: safeFileName(t.fileName(campaign.title, selection.label, scopeName)), scope: scopeName, campaign: campaign.title, period: selection.label, rows, named: namedIds.size, full: allFull && namer.full };
  const who = 'cli' in asker ? ('cli' as const) : asker.person;
  const origin: AuditOrigin = 'cli' in asker ? { channel: 'cli' } : asker.origin;
  await audit(db, now, who, origin, [{ action: 'export_students', studentId: null, detail: t.auditDetail({ ...result, scope: scopeName }) }]);
  return result;
}

/** The schools of the summary's lines, by (town, school) name. */
async function schoolIdsOf(db: Db, lines: readonly { town: string; school: string }[]): Promise<number[]> {
  const wanted = new Set(lines.map((l) => `${l.town}\u0000${l.school}`));
  return (await listSchoolsWithTowns(db)).filter((s) => wanted.has(`${s.town}\u0000${s.school}`)).map((s) => s.id);
}

const dayParts = (day: string) => {
  const [year, month, date] = day.split('-').map(Number);
  return { year: year!, month: month!, day: date!, hour: 0, minute: 0 };
};
const nextMonth = (y: number, m: number) => (m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`);

/**
 * The local days the children's sheets cover: the month (a monthly round, or a month asked of a
 * longer one), the year, half or quarter a label names, else the round's own days (open to due).
 */
export function exportWindow(round: Pick<Round, 'period' | 'opensAt' | 'dueAt'>, asked: string | undefined, timezone: string): ExportWindow {
  for (const period of [asked, round.period]) {
    const month = period && /^(\d{4})-(\d{2})$/.exec(period);
    if (month) return { from: `${month[1]}-${month[2]}-01`, until: nextMonth(Number(month[1]), Number(month[2])) };
  }
  const label = /^(\d{4})(?:-([HQ])([1-4]))?$/.exec(round.period);
  if (label) {
    const year = Number(label[1]);
    const months = label[2] === 'H' ? 6 : label[2] === 'Q' ? 3 : 12;
    const first = label[2] ? (Number(label[3]) - 1) * months + 1 : 1;
    const last = first + months - 1;
    return { from: `${year}-${String(first).padStart(2, '0')}-01`, until: nextMonth(year, last) };
  }
  const until = new Date(Date.parse(`${localDate(round.dueAt, timezone)}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { from: localDate(round.opensAt, timezone), until };
}

/** The principals' campaigns' rounds for the period (each campaign's round that month falls in, or its current one). */
async function principalsRounds(db: Db, o: { campaign: Campaign; period: string | undefined; now: Date; timezone: string }): Promise<{ campaign: Campaign; round: Round }[]> {
  const found: { campaign: Campaign; round: Round }[] = [];
  for (const campaign of await listActiveCampaigns(db)) {
    if (campaign.audience !== 'principals') continue;
    const round = await findSummaryRound(db, { campaign, period: o.period, now: o.now, timezone: o.timezone });
    if (round) found.push({ campaign, round });
  }
  return found;
}

/** A file name Lark and every desktop accept: no path separators or characters Windows refuses. */
const safeFileName = (name: string) => name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_');
