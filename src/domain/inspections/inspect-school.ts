import type { Db } from '../../db/database.js';
import { findSchoolWithTown, type InspectionSubItem } from '../../db/queries/inspections.js';
import type { Person } from '../../db/queries/people.js';
import { DomainError, isDomainError } from '../../errors.js';
import { inspectionTexts as t } from '../../texts/inspection-texts.js';
import type { AuditOrigin } from '../register/audit.js';
import { resolvePlace } from '../summary/resolve-place.js';
import type { NormalizedText } from '../text/normalize-text.js';
import { matchSubItem } from './match-sub-item.js';
import { parseInspectionText, scoreFrom } from './parse-inspection-text.js';
import { inspectionPeriod, readInspectionFramework, readInspectionOf, type InspectionView, type School } from './read-inspection.js';
import { checkScores, recordInspectionScores, type GivenScore, type InspectionPresenter, type ScoreProblem } from './record-inspection.js';

/** What an inspection of a school this month is scored on, and what is recorded of it so far. */
export type InspectionSheet = { school: School; period: string; frameworkId: number; subItems: InspectionSubItem[]; view: InspectionView | undefined };

/** A school by its name or a unique part of it (a town is not a school). */
async function resolveSchool(db: Db, name: string): Promise<School> {
  if (!name) throw new DomainError('invalid_field', t.needSchool);
  const place = await resolvePlace(db, { school: name });
  if (place?.kind !== 'school') throw new DomainError('unknown_place', t.notASchool(name));
  return { id: place.schoolId, name: place.school, town: place.town };
}

/** The sheet for a school this month (by id, from a form; or by name, from a message). */
export async function readInspectionSheet(db: Db, o: { school: string | School; now: Date; timezone: string }): Promise<InspectionSheet> {
  const school = typeof o.school === 'string' ? await resolveSchool(db, o.school) : o.school;
  const { frameworkId, subItems } = await readInspectionFramework(db);
  const period = inspectionPeriod(o.now, o.timezone);
  return { school, period, frameworkId, subItems, view: await readInspectionOf(db, { schoolId: school.id, frameworkId, period }) };
}

type Inspector = { inspector: Person; now: Date; timezone: string; origin: AuditOrigin; present: InspectionPresenter };

/**
 * `督查 <school> [<sub-item> <score> <reason>]`: the school's sheet when only the school is named,
 * else one score recorded (or corrected) from the words.
 */
export async function inspectByText(
  db: Db,
  o: Inspector & { args: NormalizedText; said: string },
): Promise<{ kind: 'sheet'; sheet: InspectionSheet } | { kind: 'scored'; view: InspectionView; subItem: InspectionSubItem; score: number; corrected: boolean }> {
  const said = parseInspectionText({ text: o.args, said: o.said });
  const sheet = await readInspectionSheet(db, { school: said.school, now: o.now, timezone: o.timezone });
  if (!said.subItem && !said.score) return { kind: 'sheet', sheet };
  if (!said.score) {
    // No score: the words may run on into a reason (`控辍保学 记录不全`); the example names what they can.
    const named = tryMatch(sheet.subItems, said.subItem) ?? tryMatch(sheet.subItems, said.subItem.split(' ')[0]!) ?? sheet.subItems[0]!;
    throw new DomainError('invalid_field', t.needScore(t.exampleFor(sheet.school.name, named.name)));
  }
  const subItem = matchSubItem(sheet.subItems, said.subItem);
  const example = t.exampleFor(sheet.school.name, subItem.name);
  const score = scoreFrom(said.score, subItem.points);
  const { changes, problems } = checkScores(sheet.view, [{ subItem, score, reason: said.reason, remedy: said.remedy }]);
  const [problem] = problems;
  if (problem) throw problemError(problem, score, problem.problem === 'needs_correction_reason' ? t.correctionExampleFor(sheet.school.name, subItem.name) : example);
  if (changes.length === 0) throw new DomainError('invalid_field', t.unchanged);
  const recorded = await recordInspectionScores(db, o.now, { ...o, school: sheet.school, frameworkId: sheet.frameworkId, period: sheet.period, changes });
  return { kind: 'scored', view: recorded.view, subItem, score, corrected: recorded.corrected > 0 };
}

function tryMatch(subItems: readonly InspectionSubItem[], words: string): InspectionSubItem | undefined {
  try {
    return matchSubItem(subItems, words);
  } catch (error) {
    if (isDomainError(error)) return undefined;
    throw error;
  }
}

function problemError(p: ScoreProblem, score: number, example: string): DomainError {
  if (p.problem === 'out_of_range') return new DomainError('invalid_field', t.scoreOutOfRange(p.subItem.name, p.subItem.points, score));
  if (p.problem === 'needs_reason') return new DomainError('missing_field', t.needReason(example));
  return new DomainError('missing_field', t.needCorrectionReason(p.subItem.name, example));
}

/** The form's input names for a sub-item (the card writes them, the submit reads them). */
export const inspectionFieldNames = (subItemId: number) => ({ score: `score_${subItemId}`, reason: `reason_${subItemId}`, remedy: `remedy_${subItemId}` });

const SCORE_INPUT = /^\d{1,3}(?:\.\d)?$/;

/**
 * The inspection form submitted: every row read (a blank score is full points, or the score in
 * force when there is one), checked together; nothing is stored unless every row can be.
 */
export async function inspectByForm(
  db: Db,
  o: Inspector & { schoolId: number; frameworkId: number; period: string; form: Record<string, unknown> },
): Promise<{ view: InspectionView; changed: number; corrected: number }> {
  const sheet = await readInspectionSheet(db, { school: await schoolById(db, o.schoolId), now: o.now, timezone: o.timezone });
  if (sheet.frameworkId !== o.frameworkId || sheet.period !== o.period) throw new DomainError('round_closed', t.staleForm);
  const text = (name: string) => (typeof o.form[name] === 'string' ? (o.form[name] as string).trim() : typeof o.form[name] === 'number' ? String(o.form[name]) : '');
  const given: GivenScore[] = sheet.subItems.map((subItem) => {
    const names = inspectionFieldNames(subItem.id);
    const raw = text(names.score).replace(/分$/, '');
    const current = sheet.view?.subItems.find((s) => s.id === subItem.id)?.current;
    if (raw && !SCORE_INPUT.test(raw)) throw new DomainError('invalid_field', t.formBadScore(subItem.name, subItem.points));
    return { subItem, score: raw ? Number(raw) : (current?.score ?? subItem.points), reason: text(names.reason), remedy: text(names.remedy) };
  });
  const { changes, problems } = checkScores(sheet.view, given);
  const [p] = problems;
  if (p?.problem === 'out_of_range') throw new DomainError('invalid_field', t.formBadScore(p.subItem.name, p.subItem.points));
  if (p?.problem === 'needs_reason') throw new DomainError('missing_field', t.formNeedReason(p.subItem.name));
  if (p) throw new DomainError('missing_field', t.formNeedCorrectionReason(p.subItem.name));
  if (changes.length === 0) throw new DomainError('invalid_field', t.unchanged);
  const recorded = await recordInspectionScores(db, o.now, { ...o, school: sheet.school, frameworkId: sheet.frameworkId, period: sheet.period, changes });
  return { view: recorded.view, changed: changes.length, corrected: recorded.corrected };
}

async function schoolById(db: Db, id: number): Promise<School> {
  const school = await findSchoolWithTown(db, id);
  if (!school) throw new DomainError('unknown_place', t.staleForm);
  return school;
}
