import { clearAlert } from '../../domain/register/clear-alert.js';
import { matchStudent } from '../../domain/register/match-student.js';
import { maskStudentName } from '../../domain/students/mask-name.js';
import { isDomainError } from '../../errors.js';
import { alertLevelNames, studentTexts as t } from '../../texts/student-texts.js';
import { escapeText } from '../cards/escape-markdown.js';
import type { Command } from './command.js';

/** `解除预警 张小明 已返校正常上课`: the student goes back to 正常, the reason logged. */
export const clearAlertCommand: Command = {
  name: '解除预警',
  aliases: ['解除关注'],
  needsBoundary: true,
  usage: '解除预警 张小明 已返校正常上课',
  summary: '学生情况好转后解除预警（需写明原因）',
  roles: ['teacher', 'principal'],
  ownSchoolChatOnly: true,
  async run(ctx) {
    const [said, ...rest] = ctx.args.trim().split(/\s+/);
    if (!said) return { text: t.clearUsage };
    const reason = rest.join(' ').trim();
    if (!reason) return { text: t.clearReasonNeeded, privately: ctx.inGroup };
    try {
      const match = await matchStudent(ctx.db, ctx.person, said);
      // Namesakes or a name not found: said 1:1, where the name may be repeated.
      if (match.kind === 'none') return { text: t.studentNotFound(escapeText(said)), privately: ctx.inGroup };
      if (match.kind === 'choose') return { text: t.useNumber(escapeText(said)), privately: ctx.inGroup };
      const { from } = await clearAlert(ctx.db, ctx.now, { person: ctx.person, student: match.student, reason, origin: { channel: 'chat', chatId: ctx.chatId ?? null } });
      const name = match.student.name;
      if (from === 'normal') return { text: t.notOnRegister(escapeText(name)), privately: ctx.inGroup };
      return { text: ctx.inGroup ? t.clearedInGroup(maskStudentName(name)) : t.cleared(escapeText(name), alertLevelNames[from]) };
    } catch (error) {
      if (isDomainError(error)) return { text: escapeText(error.userMessage), privately: ctx.inGroup };
      throw error;
    }
  },
};
