import type { Db } from '../../db/database.js';
import { findStudentMentions } from '../../db/queries/students.js';
import { maskStudentName } from '../students/mask-name.js';
import { isNationalId } from '../text/mask-identifiers.js';

/**
 * A notice goes to school chats (and to principals of other schools), so a child is never named
 * in it: each registered student's full name becomes 张*明, a school-local student number is
 * starred, and a national ID is masked as in any free text (a mobile number stays: a notice's
 * contact person is meant to be called). `hidden` counts the changes, so the sender can be told.
 */
export async function maskNoticeText(db: Db, text: string): Promise<{ text: string; hidden: number }> {
  const { names, numbers } = await findStudentMentions(db, text);
  let hidden = 0;
  // Longest first, so 欧阳小明 is masked whole before a 小明 inside it is looked for.
  const mentions = [...names.map((n) => ({ said: n, shown: maskStudentName(n) })), ...numbers.map((n) => ({ said: n, shown: `${n[0]}${'*'.repeat([...n].length - 1)}` }))];
  let masked = text;
  for (const { said, shown } of mentions.sort((a, b) => b.said.length - a.said.length)) {
    const parts = masked.split(said);
    hidden += parts.length - 1;
    masked = parts.join(shown);
  }
  masked = masked.replace(NATIONAL_ID, (id) => {
    if (!isNationalId(id)) return id;
    hidden++;
    return `${id.slice(0, 6)}********${id.slice(14)}`;
  });
  return { text: masked, hidden };
}

const NATIONAL_ID = /(?<![0-9])[1-9]\d{16}[0-9Xx](?![0-9])/g;
