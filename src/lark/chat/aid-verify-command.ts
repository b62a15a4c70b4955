import { verifyAid } from '../../domain/aid-check/verify-aid.js';
import { matchStudent } from '../../domain/register/match-student.js';
import { maskStudentName } from '../../domain/students/mask-name.js';
import { isDomainError } from '../../errors.js';
import { aidTexts as t } from '../../texts/aid-texts.js';
import { studentTexts } from '../../texts/student-texts.js';
import { escapeText } from '../cards/escape-markdown.js';
import type { Command } from './command.js';

/** `核实 张小明 已联系乡镇补发生活补助`: the principal closes the student's aid follow-up, the note logged. */
export const aidVerifyCommand: Command = {
  name: '核实',
  aliases: ['核實'],
  needsBoundary: true,
  usage: '核实 张小明 已联系乡镇补发生活补助',
  summary: '核实受资助学生的资助跟进并写明说明（校长）',
  roles: ['principal'],
  ownSchoolChatOnly: true,
  async run(ctx) {
    const [said, ...rest] = ctx.args.trim().split(/\s+/);
    if (!said) return { text: t.verifyUsage };
    const note = rest.join(' ').trim();
    if (!note) return { text: t.verifyNoteNeeded, privately: ctx.inGroup };
    try {
      const match = await matchStudent(ctx.db, ctx.person, said);
      // Namesakes or a name not found: said 1:1, where the name may be repeated.
      if (match.kind === 'none') return { text: studentTexts.studentNotFound(escapeText(said)), privately: ctx.inGroup };
      if (match.kind === 'choose') return { text: studentTexts.useNumber(escapeText(said)), privately: ctx.inGroup };
      const { closed } = await verifyAid(ctx.db, ctx.now, { person: ctx.person, student: match.student, note, origin: { channel: 'chat', chatId: ctx.chatId ?? null } });
      const name = match.student.name;
      if (closed === 0) return { text: t.verifyNothingOpen(escapeText(name)), privately: ctx.inGroup };
      return { text: ctx.inGroup ? t.verifiedInGroup(maskStudentName(name)) : t.verified(escapeText(name), closed) };
    } catch (error) {
      if (isDomainError(error)) return { text: escapeText(error.userMessage), privately: ctx.inGroup };
      throw error;
    }
  },
};
