import type { DropoutState } from '../../db/schema/children-followup.js';
import { changeDropoutState } from '../../domain/dropouts/change-dropout-state.js';
import { maskStudentName } from '../../domain/students/mask-name.js';
import { dropoutStateNames as names, dropoutTexts as t } from '../../texts/dropout-texts.js';
import { escapeText } from '../cards/escape-markdown.js';
import type { Command } from './command.js';
import { originOf, splitFirst, withDropoutStudent } from './dropout-student.js';

/** The words a state is said with (with or without 已). */
const STATE_WORDS: Record<string, DropoutState> = {
  疑似: 'suspected',
  已辍学: 'dropped',
  辍学: 'dropped',
  劝返中: 'persuading',
  劝返: 'persuading',
  已返校: 'returned',
  返校: 'returned',
  已转学: 'transferred',
  转学: 'transferred',
  已豁免: 'exempted',
  豁免: 'exempted',
};

/** `状态 张小明 已转学 横渠镇中心小学`: moves the child's open dropout case (the allowed moves are named when refused). */
export const dropoutStateCommand: Command = {
  name: '状态',
  aliases: ['辍学状态'],
  needsBoundary: true,
  usage: '状态 张小明 已辍学｜劝返中｜已返校｜已转学 学校｜已豁免 原因',
  summary: '更新辍学案例的状态（已豁免须校长或教体局）',
  roles: ['teacher', 'principal', 'bureau'],
  ownSchoolChatOnly: true,
  async run(ctx) {
    const [said, rest] = splitFirst(ctx.args);
    const [word, extra] = splitFirst(rest);
    if (!said || !word) return { text: t.stateUsage };
    const to = STATE_WORDS[word];
    if (!to) return { text: t.unknownState(escapeText(word)), privately: ctx.inGroup };
    return withDropoutStudent(ctx, said, async (student) => {
      const { from } = await changeDropoutState(ctx.db, ctx.now, {
        person: ctx.person,
        student,
        to,
        transferredTo: to === 'transferred' ? extra || null : null,
        exemptReason: to === 'exempted' ? extra || null : null,
        origin: originOf(ctx),
      });
      if (ctx.inGroup) return { text: t.changedInGroup(maskStudentName(student.name), names[to]) };
      return { text: t.changed(escapeText(student.name), names[from], names[to]) };
    });
  },
};
