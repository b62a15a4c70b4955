import { evidence, inspectionScores, rectifications, schools, students } from '../../src/db/schema/index.js';
import type { Db } from '../../src/db/database.js';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';

export type StudentLeak = { chatId: string; messageId: string; found: string };

/**
 * Every full student name or school-local number in a message the bot put in a group chat. Runs
 * over everything a test Ducha's sandbox received when the test Ducha closes, so each end-to-end
 * file is checked whatever it tested.
 */
export function findStudentLeaks(messages: readonly SandboxMessage[], known: readonly { name: string; studentNo: string }[]): StudentLeak[] {
  const needles = [...new Set(known.flatMap((s) => [s.name, s.studentNo]))];
  const leaks: StudentLeak[] = [];
  for (const m of messages) {
    if (m.chat_type !== 'group' || m.sender.type !== 'bot') continue;
    // The text and the raw content: a name hidden in a card's button or a value counts too.
    const haystack = `${m.text}\n${JSON.stringify(m.content)}`;
    for (const found of needles) if (haystack.includes(found)) leaks.push({ chatId: m.chat_id, messageId: m.message_id, found });
  }
  return leaks;
}

export async function studentLeaksIn(db: Db, messages: readonly SandboxMessage[]): Promise<StudentLeak[]> {
  const known = await db.select({ name: students.name, studentNo: students.studentNo }).from(students);
  return findStudentLeaks(messages, known);
}

/** The bureau's own results: a school chat never shows them, whoever asked there (督查考核- is the 考核 file's name). */
const SUPERVISION_MARKERS = ['季度督查通报', '落后约谈', '学校督查排名', '得分说明', '督查考核-'];
/** Shorter words than this (a reason of "缺") could be anyone's; the check is for what was written down. */
const MIN_SECRET_LENGTH = 4;

export type SupervisionLeak = { chatId: string; messageId: string; found: string };

/**
 * Anything of the supervision in a bot message to a school's chat: an inspector's reason or
 * remedy, a principal's rectification note, an evidence file's name or the bureau's note on it,
 * or the bulletin's and ranking's headings. Deductions reach the principal 1:1, results the bureau.
 */
export function findSupervisionLeaks(messages: readonly SandboxMessage[], schoolChats: ReadonlySet<string>, written: readonly string[]): SupervisionLeak[] {
  const needles = [...new Set([...SUPERVISION_MARKERS, ...written.filter((w) => w.length >= MIN_SECRET_LENGTH)])];
  const leaks: SupervisionLeak[] = [];
  for (const m of messages) {
    if (!schoolChats.has(m.chat_id) || m.sender.type !== 'bot') continue;
    const haystack = `${m.text}\n${JSON.stringify(m.content)}`;
    for (const found of needles) if (haystack.includes(found)) leaks.push({ chatId: m.chat_id, messageId: m.message_id, found });
  }
  return leaks;
}

export async function supervisionLeaksIn(db: Db, messages: readonly SandboxMessage[]): Promise<SupervisionLeak[]> {
  const [chats, scores, notes, files] = await Promise.all([
    db.select({ chatId: schools.chatId }).from(schools),
    db.select({ reason: inspectionScores.reason, remedy: inspectionScores.remedy }).from(inspectionScores),
    db.select({ note: rectifications.note }).from(rectifications),
    db.select({ fileName: evidence.fileName, note: evidence.reviewNote }).from(evidence),
  ]);
  const written = [...scores.flatMap((s) => [s.reason, s.remedy]), ...notes.map((n) => n.note), ...files.flatMap((f) => [f.fileName, f.note])].filter((w): w is string => w !== null);
  return findSupervisionLeaks(messages, new Set(chats.flatMap((c) => (c.chatId ? [c.chatId] : []))), written);
}
