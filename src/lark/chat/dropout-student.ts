import type { StudentWithSchool } from '../../db/queries/students.js';
import { matchStudent } from '../../domain/register/match-student.js';
import { isDomainError } from '../../errors.js';
import { studentTexts } from '../../texts/student-texts.js';
import { escapeText } from '../cards/escape-markdown.js';
import type { CommandContext, CommandReply } from './command.js';

/**
 * The 控辍保学 commands' common steps: the student said (never a guess between namesakes), then
 * the verb; a refusal may quote what was typed, so in a group it is said 1:1.
 */
export async function withDropoutStudent(ctx: CommandContext, said: string, run: (student: StudentWithSchool) => Promise<CommandReply>): Promise<CommandReply> {
  const privately = ctx.inGroup;
  try {
    const match = await matchStudent(ctx.db, ctx.person, said);
    if (match.kind === 'none') {
      const shown = escapeText(said);
      return { text: ctx.person.schoolId === null ? studentTexts.studentNotFoundCounty(shown) : studentTexts.studentNotFound(shown), privately };
    }
    if (match.kind === 'choose') return { text: studentTexts.useNumber(escapeText(said)), privately };
    return await run(match.student);
  } catch (error) {
    if (isDomainError(error)) return { text: escapeText(error.userMessage), privately };
    throw error;
  }
}

export const originOf = (ctx: CommandContext) => ({ channel: 'chat' as const, chatId: ctx.chatId ?? null });

/** `张小明 其余的话` → ['张小明', '其余的话']. */
export function splitFirst(args: string): [string, string] {
  const [first = '', ...rest] = args.trim().split(/\s+/);
  return [first, rest.join(' ').trim()];
}
