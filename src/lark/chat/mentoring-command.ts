import { assignMentor } from '../../domain/mentoring/assign-mentor.js';
import { matchStudent } from '../../domain/register/match-student.js';
import { maskStudentName } from '../../domain/students/mask-name.js';
import { isDomainError } from '../../errors.js';
import { mentoringTexts as t } from '../../texts/mentoring-texts.js';
import { studentTexts } from '../../texts/student-texts.js';
import { escapeText } from '../cards/escape-markdown.js';
import type { Command } from './command.js';

/** `帮扶 张小明 李老师`: the principal makes a teacher of the school the student's mentor (一对一帮扶). */
export const mentoringCommand: Command = {
  name: '帮扶',
  aliases: ['指定帮扶'],
  needsBoundary: true,
  usage: '帮扶 张小明 教师姓名',
  summary: '指定（或更换）学生的一对一帮扶教师',
  roles: ['principal'],
  ownSchoolChatOnly: true,
  async run(ctx) {
    const [said, teacherName, ...extra] = ctx.args.trim().split(/\s+/).filter(Boolean);
    if (!said || !teacherName || extra.length > 0) return { text: t.assignUsage };
    try {
      const match = await matchStudent(ctx.db, ctx.person, said);
      // Namesakes or a name not found: said 1:1, where the name may be repeated.
      if (match.kind === 'none') return { text: studentTexts.studentNotFound(escapeText(said)), privately: ctx.inGroup };
      if (match.kind === 'choose') return { text: t.assignUseNumber(escapeText(said)), privately: ctx.inGroup };
      const { student } = match;
      const done = await assignMentor(ctx.db, ctx.now, { principal: ctx.person, student, teacherName, origin: { channel: 'chat', chatId: ctx.chatId ?? null } });
      const [name, teacher] = [escapeText(student.name), escapeText(done.mentor.name)];
      if (!done.changed) return { text: t.alreadyMentor(name, teacher), privately: ctx.inGroup };
      if (ctx.inGroup) return { text: t.assignedInGroup(maskStudentName(student.name), teacher) };
      return { text: t.assigned({ student: name, className: escapeText(student.className), teacher, before: done.before === null ? null : escapeText(done.before) }) };
    } catch (error) {
      if (isDomainError(error)) return { text: escapeText(error.userMessage), privately: ctx.inGroup };
      throw error;
    }
  },
};
