import { readArchive, resolveArchiveSchool, schoolYearOf } from '../../domain/evidence/read-archive.js';
import { localParts } from '../../domain/time/zoned-time.js';
import { isDomainError } from '../../errors.js';
import { evidenceTexts as t } from '../../texts/evidence-texts.js';
import { buildArchiveCard } from '../cards/archive-card.js';
import type { Command } from './command.js';

/** `2026-12`, `2026/12`, `2026年12月`. */
const FULL_MONTH = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$/;
/** `12月`: the latest December up to now. */
const MONTH_ONLY = /^(\d{1,2})月份?$/;
/** `2.3`, `２．３`: a sub-item's code. */
const CODE = /^[0-9０-９]+(?:[.．。][0-9０-９]+)*$/;

/**
 * The words after 档案: a month (else the school year), a sub-item's code, and up to two names
 * (a school, then a sub-item's name part). Undefined when they cannot be read.
 */
export function parseArchiveArgs(
  args: string,
  today: { year: number; month: number },
): { month?: string; code?: string; names: string[] } | undefined {
  let month: string | undefined;
  let code: string | undefined;
  const names: string[] = [];
  for (const word of args.split(/[\s,，、]+/).filter(Boolean)) {
    const full = FULL_MONTH.exec(word);
    const only = MONTH_ONLY.exec(word);
    if (full || only) {
      const m = Number(full?.[2] ?? only?.[1]);
      if (month || m < 1 || m > 12) return undefined;
      const year = full ? Number(full[1]) : m <= today.month ? today.year : today.year - 1;
      month = `${year}-${String(m).padStart(2, '0')}`;
    } else if (CODE.test(word)) {
      if (code) return undefined;
      code = word;
    } else {
      if (names.length === 2) return undefined;
      names.push(word);
    }
  }
  if (code && names.length === 2) return undefined;
  return { ...(month ? { month } : {}), ...(code ? { code } : {}), names };
}

/**
 * `档案 [学校] [子项] [月份]`, 1:1 only: a school's evidence by indicator, with what is missing.
 * The bureau and admins name any school; a principal sees their own (`档案` alone).
 */
export const archiveCommand: Command = {
  name: '档案',
  aliases: ['archive'],
  usage: t.archiveUsage,
  summary: t.archiveSummary,
  roles: ['principal', 'bureau', 'admin'],
  // 「档案管理…」 may be a principal's written report: only `档案` alone or with a space is the command.
  needsBoundary: true,
  refusals: { teacher: t.teacherArchive },
  async run({ db, person, args, now, timezone, inGroup }) {
    if (inGroup) return { text: t.askPrivately };
    const parsed = parseArchiveArgs(args, localParts(now, timezone));
    if (!parsed) return { text: t.archiveBadArgs };
    const [first, second] = parsed.names;
    let subItemWords = parsed.code ?? second;
    const school = await resolveArchiveSchool(db, { asker: person, schoolName: first }).catch(async (error: unknown) => {
      // A principal's one word may be a sub-item's name (`档案 安全台账`) rather than a school.
      if (!(person.role === 'principal' && first !== undefined && second === undefined && !parsed.code && isDomainError(error) && error.code === 'unknown_place')) throw error;
      subItemWords = first;
      return resolveArchiveSchool(db, { asker: person });
    });
    const period = parsed.month ? { from: parsed.month, to: parsed.month } : schoolYearOf(now, timezone);
    const archive = await readArchive(db, { school, ...period, ...(subItemWords !== undefined ? { subItemWords } : {}) });
    return { card: buildArchiveCard(archive, timezone) };
  },
};
