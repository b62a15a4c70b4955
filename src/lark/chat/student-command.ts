import { matchStudent } from '../../domain/register/match-student.js';
import { readStudent } from '../../domain/register/read-student.js';
import { unvisitedThisMonth } from '../../domain/register/unvisited-list.js';
import { studentTexts as t } from '../../texts/student-texts.js';
import { buildChooseStudentCard } from '../cards/choose-student-card.js';
import { escapeText } from '../cards/escape-markdown.js';
import { buildStudentCard, buildUnvisitedCard } from '../cards/student-card.js';
import type { Command } from './command.js';

/** `学生 张小明` (or a number), 1:1: the student as the asker may see them; every read audited. */
export const studentCommand: Command = {
  name: '学生',
  aliases: ['查学生'],
  needsBoundary: true,
  usage: '学生 张小明（校长私聊只发「学生」：本月尚未家访的重点学生）',
  summary: '私聊查看一名学生的类别、预警状态和家访记录（按权限）',
  roles: ['teacher', 'principal', 'bureau', 'admin'],
  async run(ctx) {
    // Nothing about a child in a group, not even whether the name is known.
    if (ctx.inGroup) return { text: t.askPrivately };
    const said = ctx.args.trim();
    // 学生 alone, from a principal: the school's at-risk students not yet visited this month, by name.
    if (!said && ctx.person.role === 'principal') {
      const list = await unvisitedThisMonth(ctx.db, ctx.now, { person: ctx.person, timezone: ctx.timezone, origin: { channel: 'chat', chatId: ctx.chatId ?? null } });
      return { card: buildUnvisitedCard(list) };
    }
    if (!said) return { text: t.studentUsage };
    const match = await matchStudent(ctx.db, ctx.person, said);
    if (match.kind === 'none') {
      const shown = escapeText(said);
      return { text: ctx.person.schoolId === null ? t.studentNotFoundCounty(shown) : t.studentNotFound(shown) };
    }
    if (match.kind === 'choose') {
      const withSchool = ctx.person.schoolId === null;
      // By open_id, not as a reply: a click is taken only on a card sent to the person (or their school chat).
      return { card: buildChooseStudentCard({ openId: ctx.person.openId, for: 'student', args: said, said: ctx.said, reason: match.reason, candidates: match.candidates, withSchool }), privately: true };
    }
    const reading = await readStudent(ctx.db, ctx.now, { person: ctx.person, student: match.student, origin: { channel: 'chat', chatId: ctx.chatId ?? null } });
    return { card: buildStudentCard(reading, ctx.timezone) };
  },
};
