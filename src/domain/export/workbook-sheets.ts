import type { Campaign } from '../../db/queries/campaigns.js';
import { listDropoutCasesIn, pageRegister, pageRoundAnswers, pageVisits, type ExportScope, type ExportWindow, type VisitCursor } from '../../db/queries/export-workbook.js';
import type { Round } from '../../db/queries/rounds.js';
import type { Db } from '../../db/database.js';
import { exportTexts as t } from '../../texts/export-texts.js';
import type { Cell, SheetColumn, SheetSpec } from './write-workbook.js';

const h = t.headers;
const PAGE = 5_000;

/** How a child is shown: `name` full or masked for this asker; `full`: whether their detail (notes, findings) may go in too. */
export type ChildNamer = { name(student: { studentId: number; schoolId: number; mentorId: number | null; name: string }): string; full: boolean };

const text = (header: string): SheetColumn => ({ header, kind: 'text' });
const number = (header: string): SheetColumn => ({ header, kind: 'number' });
const yesNo = (v: boolean) => (v ? t.yes : t.no);

/** Reads pages of `limit` rows, each after the last row of the page before, as one stream of rows. */
async function* paged<T>(fetch: (last: T | undefined) => Promise<T[]>): AsyncGenerator<T> {
  let last: T | undefined;
  for (;;) {
    const page = await fetch(last);
    yield* page;
    if (page.length < PAGE) return;
    last = page[page.length - 1];
  }
}

async function* mapRows<T>(rows: AsyncIterable<T>, toCells: (row: T) => Cell[]): AsyncGenerator<Cell[]> {
  for await (const row of rows) yield toCells(row);
}

/** What the 汇总 sheet reads of a summary's school line (buildBureauSummary's towns[].schools[]). */
export type SummaryLine = {
  town: string;
  school: string;
  expected: number;
  answered: number;
  late: number;
  sums: Record<string, number>;
  children?: {
    listed: number;
    visits: { home: number; phone: number; video: number };
    alert: number;
    watch: number;
    unvisited: number;
    dropouts: number;
    aid: { aided: number; checked: number; mismatches: number };
  };
};

/** 汇总: one line per school, from the bureau summary (its towns' schools and count columns). */
export function summarySheet(lines: readonly SummaryLine[], columns: readonly { name: string; label: string }[]): SheetSpec {
  const withChildren = lines.some((l) => l.children);
  const childColumns = withChildren ? [h.listed, h.home, h.phone, h.video, h.alert, h.watch, h.unvisited, h.openDropouts, h.aided, h.aidChecked, h.mismatches].map(number) : [];
  async function* rows() {
    for (const l of lines) {
      const c = l.children;
      yield [
        l.town,
        l.school,
        l.expected,
        l.answered,
        l.late,
        l.expected > 0 ? Math.round((l.answered / l.expected) * 1000) / 10 : null,
        ...columns.map((col) => l.sums[col.name] ?? 0),
        ...(withChildren ? (c ? [c.listed, c.visits.home, c.visits.phone, c.visits.video, c.alert, c.watch, c.unvisited, c.dropouts, c.aid.aided, c.aid.checked, c.aid.mismatches] : childColumns.map(() => 0)) : []),
      ];
    }
  }
  return {
    name: t.sheets.summary,
    columns: [text(h.town), text(h.school), number(h.expected), number(h.answered), number(h.late), number(h.rate), ...columns.map((c) => number(c.label)), ...childColumns],
    rows: rows(),
  };
}

type Field = Campaign['definition']['form']['fields'][number];

function answerCell(field: Field, value: unknown, full: boolean): Cell {
  if (value === null || value === undefined) return null;
  if (field.type === 'text' && !full) return null;
  if (field.type === 'yes-no') return yesNo(Boolean(value));
  return field.type === 'count' ? Number(value) : String(value);
}

/** 填报明细: every answer of the rounds (a quarter: its three months), a column per form field (free text only for who may read it). */
export function checkinsSheet(db: Db, o: ExportScope & { campaign: Campaign; rounds: readonly Round[]; full: boolean }): SheetSpec {
  const fields = o.campaign.definition.form.fields;
  type Answer = Awaited<ReturnType<typeof pageRoundAnswers>>[number] & { period: string };
  async function* rows(): AsyncGenerator<Answer> {
    for (const round of o.rounds) {
      const answers = paged<Awaited<ReturnType<typeof pageRoundAnswers>>[number]>((last) => pageRoundAnswers(db, { ...o, roundId: round.id, afterId: last?.id ?? 0, limit: PAGE }));
      for await (const answer of answers) yield { ...answer, period: round.period };
    }
  }
  const fieldColumn = (f: Field): SheetColumn => ({ header: f.label, kind: f.type === 'count' ? 'number' : f.type === 'date' ? 'date' : 'text' });
  return {
    name: t.sheets.checkins,
    columns: [text(h.period), text(h.town), text(h.school), text(o.campaign.audience === 'principals' ? h.principal : h.teacher), ...fields.map(fieldColumn), { header: h.submittedAt, kind: 'datetime' }, text(h.isLate), number(h.revisions)],
    rows: mapRows(rows(), (r) => [r.period, r.town, r.school, r.name, ...fields.map((f) => answerCell(f, r.answers[f.name], o.full)), r.submittedAt, yesNo(r.late), r.revisions]),
  };
}

type VisitRow = Awaited<ReturnType<typeof pageVisits>>[number];
const visitPages = (db: Db, o: ExportScope & { window: ExportWindow; aidCheckOnly?: boolean }) =>
  paged<VisitRow>((last) => pageVisits(db, { ...o, after: last ? ({ day: last.visitedOn, id: last.id } satisfies VisitCursor) : undefined, limit: PAGE }));

/** 家访记录: the window's visits by day; findings and measures only for who may read a child's detail. */
export function visitsSheet(db: Db, o: ExportScope & { window: ExportWindow; namer: ChildNamer }): SheetSpec {
  const { namer } = o;
  return {
    name: t.sheets.visits,
    columns: [{ header: h.visitedOn, kind: 'date' }, text(h.town), text(h.school), text(h.student), text(h.className), text(h.mode), text(h.visitor), text(h.risks), text(h.findings), text(h.measures)],
    rows: mapRows(visitPages(db, o), (v) => [
      v.visitedOn,
      v.town,
      v.school,
      namer.name(v),
      v.className,
      t.modes[v.mode] ?? v.mode,
      v.teacher,
      v.risks.join('、'),
      namer.full ? v.findings : null,
      namer.full ? v.measures : null,
    ]),
  };
}

/** 学生名册: the register in the scope, with each child's visits in the window. */
export function registerSheet(db: Db, o: ExportScope & { window: ExportWindow; namer: ChildNamer }): SheetSpec {
  const { namer } = o;
  const rows = paged<Awaited<ReturnType<typeof pageRegister>>[number]>((last) => pageRegister(db, { ...o, afterId: last?.id ?? 0, limit: PAGE }));
  return {
    name: t.sheets.register,
    columns: [text(h.town), text(h.school), text(h.studentNo), text(h.student), text(h.className), text(h.categories), text(h.aid), text(h.alertLevel), text(h.mentor), number(h.visitsInPeriod)],
    rows: mapRows(rows, (s) => [
      s.town,
      s.school,
      namer.full ? s.studentNo : null,
      namer.name({ ...s, studentId: s.id }),
      s.className,
      s.categories.join('、'),
      s.aid.join('、'),
      t.alertLevels[s.alertLevel] ?? s.alertLevel,
      s.mentor,
      s.visits,
    ]),
  };
}

/** 控辍保学: the cases open at some time in the window, with their 劝返 count. */
export function dropoutsSheet(db: Db, o: ExportScope & { from: Date; until: Date; namer: ChildNamer }): SheetSpec {
  const { namer } = o;
  async function* rows() {
    for (const c of await listDropoutCasesIn(db, o)) {
      yield [c.town, c.school, namer.name(c), c.className, t.dropoutStates[c.state] ?? c.state, namer.full ? c.reason : null, c.responsible, c.openedAt, c.closedAt, c.attempts];
    }
  }
  return {
    name: t.sheets.dropouts,
    columns: [text(h.town), text(h.school), text(h.student), text(h.className), text(h.state), text(h.reason), text(h.responsible), { header: h.openedAt, kind: 'datetime' }, { header: h.closedAt, kind: 'datetime' }, number(h.attempts)],
    rows: rows(),
  };
}

/** 资助核查: the window's visits that recorded the aid check, and whether a mismatch is still open. */
export function aidSheet(db: Db, o: ExportScope & { window: ExportWindow; namer: ChildNamer }): SheetSpec {
  const { namer } = o;
  return {
    name: t.sheets.aid,
    columns: [{ header: h.checkedOn, kind: 'date' }, text(h.town), text(h.school), text(h.student), text(h.className), text(h.aid), text(h.aidStatus), text(h.eligibility), text(h.followup), text(h.followupNote)],
    rows: mapRows(visitPages(db, { ...o, aidCheckOnly: true }), (v) => [
      v.visitedOn,
      v.town,
      v.school,
      namer.name(v),
      v.className,
      v.aid.join('、'),
      v.aidStatus ? t.aidStatuses[v.aidStatus] : null,
      v.eligibility ? t.eligibilities[v.eligibility] : null,
      v.followupOpen === null ? null : v.followupOpen ? t.followups.open : t.followups.closed,
      namer.full ? v.followupNote : null,
    ]),
  };
}

/** 校长报告: each principals' campaign's round for the period, one line per report, its fields as `label：value`. */
export function reportsSheet(db: Db, o: ExportScope & { rounds: { campaign: Campaign; round: Round }[]; full: boolean }): SheetSpec {
  async function* rows() {
    for (const { campaign, round } of o.rounds) {
      const fields = campaign.definition.form.fields;
      const answers = paged<Awaited<ReturnType<typeof pageRoundAnswers>>[number]>((last) => pageRoundAnswers(db, { ...o, roundId: round.id, afterId: last?.id ?? 0, limit: PAGE }));
      for await (const r of answers) {
        const content = fields
          .map((f) => [f.label, answerCell(f, r.answers[f.name], o.full)] as const)
          .filter(([, v]) => v !== null && v !== undefined)
          .map(([label, v]) => `${label}：${v}`)
          .join('；');
        yield [campaign.title, round.period, r.town, r.school, r.name, content, r.submittedAt, yesNo(r.late)];
      }
    }
  }
  return {
    name: t.sheets.reports,
    columns: [text(h.campaign), text(h.period), text(h.town), text(h.school), text(h.principal), text(h.content), { header: h.submittedAt, kind: 'datetime' }, text(h.isLate)],
    rows: rows(),
  };
}
