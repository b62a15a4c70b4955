import type { persuasionMethods } from '../../db/schema/children-followup.js';
import { logPersuasion } from '../../domain/dropouts/change-dropout-state.js';
import { maskStudentName } from '../../domain/students/mask-name.js';
import { localDate } from '../../domain/time/zoned-time.js';
import { dropoutTexts as t, persuasionMethodNames } from '../../texts/dropout-texts.js';
import { escapeText } from '../cards/escape-markdown.js';
import type { Command } from './command.js';
import { originOf, splitFirst, withDropoutStudent } from './dropout-student.js';

const METHOD_WORDS: Record<string, (typeof persuasionMethods)[number]> = { 电话: 'phone', 入户: 'home', 联合乡镇: 'joint', 联合: 'joint' };

/** `劝返 张小明 入户 家长同意下周一送回学校`: one 劝返 attempt on the open case, dated today. */
export const dropoutPersuadeCommand: Command = {
  name: '劝返',
  aliases: [],
  needsBoundary: true,
  usage: '劝返 张小明 电话｜入户｜联合乡镇 结果',
  summary: '记录一次劝返（日期为今天）',
  roles: ['teacher', 'principal'],
  ownSchoolChatOnly: true,
  async run(ctx) {
    const [said, rest] = splitFirst(ctx.args);
    const [word, result] = splitFirst(rest);
    const method = METHOD_WORDS[word];
    if (!said || !method || !result) return { text: t.persuadeUsage, privately: ctx.inGroup };
    return withDropoutStudent(ctx, said, async (student) => {
      const today = localDate(ctx.now, ctx.timezone);
      await logPersuasion(ctx.db, ctx.now, { person: ctx.person, student, method, result, today, origin: originOf(ctx) });
      const how = persuasionMethodNames[method];
      return { text: ctx.inGroup ? t.persuadedInGroup(maskStudentName(student.name), how) : t.persuaded(escapeText(student.name), how, today) };
    });
  },
};
