import { reassignDropoutCase } from '../../domain/dropouts/change-dropout-state.js';
import { maskStudentName } from '../../domain/students/mask-name.js';
import { dropoutTexts as t } from '../../texts/dropout-texts.js';
import { escapeText } from '../cards/escape-markdown.js';
import type { Command } from './command.js';
import { originOf, splitFirst, withDropoutStudent } from './dropout-student.js';

/** `负责 张小明 王建华`: the principal makes a teacher of the school responsible for the child's case. */
export const dropoutAssignCommand: Command = {
  name: '负责',
  aliases: [],
  needsBoundary: true,
  usage: '负责 张小明 教师姓名',
  summary: '校长指定辍学案例的劝返责任人',
  roles: ['principal'],
  ownSchoolChatOnly: true,
  async run(ctx) {
    const [said, teacherName] = splitFirst(ctx.args);
    if (!said || !teacherName) return { text: t.reassignUsage, privately: ctx.inGroup };
    return withDropoutStudent(ctx, said, async (student) => {
      const { teacher } = await reassignDropoutCase(ctx.db, ctx.now, { person: ctx.person, student, teacherName, origin: originOf(ctx) });
      const shownTeacher = escapeText(teacher.name);
      return { text: ctx.inGroup ? t.reassignedInGroup(maskStudentName(student.name), shownTeacher) : t.reassigned(escapeText(student.name), shownTeacher) };
    });
  },
};
