import { students } from '../../src/db/schema/index.js';
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
