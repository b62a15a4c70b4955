import type { VisitMode } from '../../db/schema/students.js';
import { DomainError } from '../../errors.js';
import { visitTexts } from '../../texts/visit-texts.js';
import { maskIdentifiers } from '../text/mask-identifiers.js';

/** The labelled parts of a visit text; the student, the mode and unlabelled findings come first. */
export type VisitPart = 'findings' | 'measures' | 'risks' | 'date' | 'aid' | 'eligibility';
/** A stretch [start, end) of the normalised text. */
export type Span = { start: number; end: number };
export type LabelledSpan = { part: VisitPart; label: string; span: Span };
export type VisitSpans = { head: Span; parts: LabelledSpan[] };

const LABELS: Readonly<Record<string, VisitPart>> = {
  家访情况: 'findings',
  发现: 'findings',
  情况: 'findings',
  帮扶措施: 'measures',
  措施: 'measures',
  风险: 'risks',
  家访日期: 'date',
  日期: 'date',
  资助: 'aid',
  资格: 'eligibility',
};

// A label begins the text, a word or a clause and is followed by a colon or a space, so that
// 家庭情况：… or 有辍学风险 inside the findings stay the teacher's own words. 资助 and 资格 with a
// space are labels only before one of their values (「资助 已申请」 in the findings stays findings).
const PLAIN_LABELS = '家访情况|发现|情况|帮扶措施|措施|风险|家访日期|日期';
const AID_VALUES = '已到位|部分到位|未到位|符合|不再符合|不符合|待核实';
const LABEL = new RegExp(
  `(?<=^|[\\s,;。、|])(?:(${PLAIN_LABELS}|资助|资格)\\s*:\\s*|(${PLAIN_LABELS})\\s+|(资助|资格)\\s+(?=(?:${AID_VALUES})(?:$|[\\s,;。、|])))`,
  'g',
);

// normalizeText leaves these Traditional forms of keyword characters (風險, 視頻) as they are.
// Each maps to one UTF-16 unit, so offsets into the folded text are offsets into the text.
const KEYWORD_TRADITIONAL: Readonly<Record<string, string>> = { 風: '风', 頻: '频' };

/** The text with the keywords' remaining Traditional characters folded, for reading keywords only. */
export const foldKeywords = (text: string): string => text.replace(/[風頻]/g, (c) => KEYWORD_TRADITIONAL[c] ?? c);

/** Where the head (student, mode, findings) and each labelled part lie in the folded text. */
export function splitVisitText(folded: string): VisitSpans {
  const labels = [...folded.matchAll(LABEL)];
  const parts = labels.map((m, i) => ({
    part: LABELS[(m[1] ?? m[2] ?? m[3])!]!,
    label: (m[1] ?? m[2] ?? m[3])!,
    span: { start: m.index + m[0].length, end: labels[i + 1]?.index ?? folded.length },
  }));
  const head = { start: 0, end: labels[0]?.index ?? folded.length };
  return withLeadingDate(folded, { head, parts });
}

// 日期：昨天 张小明 入户 …: a date written first is one word, and the head follows it.
function withLeadingDate(folded: string, spans: VisitSpans): VisitSpans {
  const [first, ...others] = spans.parts;
  if (first?.part !== 'date' || folded.slice(spans.head.start, spans.head.end).trim() !== '') return spans;
  const dateEnd = first.span.start + /^\S*/.exec(folded.slice(first.span.start, first.span.end))![0].length;
  return { head: { start: dateEnd, end: first.span.end }, parts: [{ ...first, span: { start: first.span.start, end: dateEnd } }, ...others] };
}

const MODES: Readonly<Record<string, VisitMode>> = {
  入户: 'home',
  上门: 'home',
  电话随访: 'phone',
  电话: 'phone',
  电访: 'phone',
  视频通话: 'video',
  视频: 'video',
};
const MODE = `(${Object.keys(MODES).join('|')})`;
const SEPARATOR = '[\\s,;、。:]';
const WORD = '[^\\s,;、。:]';
// 入户 张小明 …
const MODE_FIRST = new RegExp(`^${MODE}${SEPARATOR}+(${WORD}+)(?:${SEPARATOR}+([\\s\\S]*))?$`, 'd');
// 张小明 入户 …, and 张小明入户 … (a name does not end in a mode).
const STUDENT_FIRST = new RegExp(`^(${WORD}+?)\\s*${MODE}(?:${SEPARATOR}+([\\s\\S]*))?$`, 'd');

const MAX_STUDENT_LENGTH = 20;

export type VisitHead = { student: string; mode: VisitMode; findings: Span };

/** The student, the mode and where unlabelled findings lie; throws what to fix when they cannot be read. */
export function readVisitHead(text: string, folded: string, head: Span): VisitHead {
  const headText = folded.slice(head.start, head.end);
  const body = headText.trim();
  if (body === '') throw new DomainError('missing_field', visitTexts.usage);
  const offset = head.start + headText.indexOf(body);
  const match = readModeFirst(body) ?? readStudentFirst(body);
  if (!match) {
    const modeAlone = Object.hasOwn(MODES, body.replace(/[\s,;、。:]+$/, ''));
    throw new DomainError('missing_field', modeAlone ? visitTexts.missingStudent : visitTexts.missingMode);
  }
  // The student as normalised (张 for 張), not keyword-folded.
  const [studentStart, studentEnd] = [offset + match.student[0], offset + match.student[1]];
  const student = text.slice(studentStart, studentEnd);
  if (Object.hasOwn(MODES, folded.slice(studentStart, studentEnd))) throw new DomainError('ambiguous_answer', visitTexts.twoModes);
  const masked = maskIdentifiers(student).masked;
  if (masked.ids + masked.mobiles > 0) throw new DomainError('invalid_field', visitTexts.studentIsIdentifier);
  if ([...student].length > MAX_STUDENT_LENGTH) throw new DomainError('invalid_field', visitTexts.studentUnreadable(student));
  const findingsStart = match.rest ? offset + match.rest[0] : offset + body.length;
  return { student, mode: MODES[match.mode]!, findings: { start: findingsStart, end: head.end } };
}

type HeadMatch = { mode: string; student: [number, number]; rest: [number, number] | undefined };

function readModeFirst(body: string): HeadMatch | undefined {
  const m = MODE_FIRST.exec(body);
  return m?.indices ? { mode: m[1]!, student: m.indices[2]!, rest: m.indices[3] } : undefined;
}

function readStudentFirst(body: string): HeadMatch | undefined {
  const m = STUDENT_FIRST.exec(body);
  return m?.indices ? { mode: m[2]!, student: m.indices[1]!, rest: m.indices[3] } : undefined;
}
