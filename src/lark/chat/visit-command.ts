import { matchStudent } from '../../domain/register/match-student.js';
import { recordVisit } from '../../domain/register/record-visit.js';
import { localDate } from '../../domain/time/zoned-time.js';
import { parseVisitText } from '../../domain/visits/parse-visit-text.js';
import { isDomainError } from '../../errors.js';
import { studentTexts as t } from '../../texts/student-texts.js';
import { buildChooseStudentCard } from '../cards/choose-student-card.js';
import { escapeText } from '../cards/escape-markdown.js';
import { larkPresenter } from '../cards/lark-presenter.js';
import { buildVisitFormCard } from '../cards/visit-form-card.js';
import { visitReplyText } from '../cards/visit-reply-text.js';
import type { Command } from './command.js';

/**
 * `家访 张小明 入户 父母在外务工，由祖母照看 风险：无 措施：每周电话联系`: a home visit, 1:1 or @bot
 * in the school chat. In the chat the answer names the child masked; anything that must say more
 * (a choice between namesakes, a name not found, a refusal quoting the text) goes 1:1.
 */
export const visitCommand: Command = {
  name: '家访',
  aliases: [],
  needsBoundary: true,
  usage: '家访 张小明 入户 家长在外务工，由祖母照看 风险：无 措施：每周电话联系',
  summary: '记录一次家访（入户、电话或视频），有风险时自动列入预警台账',
  roles: ['teacher', 'principal'],
  ownSchoolChatOnly: true,
  async run(ctx) {
    const privately = ctx.inGroup;
    if (ctx.person.schoolId === null) return { text: t.noSchool, privately };
    const today = localDate(ctx.now, ctx.timezone);
    // 家访 alone: the form, 1:1 (it will name a child; and see the chooser below).
    if (!ctx.args.trim()) return { card: buildVisitFormCard({ openId: ctx.person.openId, today }), privately: true };
    try {
      const parsed = parseVisitText({ text: ctx.args, said: ctx.said, today });
      const match = await matchStudent(ctx.db, ctx.person, parsed.student);
      if (match.kind === 'none') return { text: t.studentNotFound(escapeText(parsed.student)), privately };
      if (match.kind === 'choose') {
        const card = buildChooseStudentCard({ openId: ctx.person.openId, for: 'visit', args: ctx.args, said: ctx.said, reason: match.reason, candidates: match.candidates, withSchool: false });
        // Cards go 1:1 by open_id: a click is taken only on a card sent to the person or their school chat.
        return { card, privately: true };
      }
      const recorded = await recordVisit(ctx.db, ctx.now, {
        teacher: ctx.person,
        student: match.student,
        report: parsed,
        origin: { channel: 'chat', chatId: ctx.chatId ?? null },
        timezone: ctx.timezone,
        present: larkPresenter,
      });
      return { text: visitReplyText(recorded, parsed, { inGroup: ctx.inGroup, today }) };
    } catch (error) {
      // A refusal may quote what was typed (a child's name): in a group it is said 1:1.
      if (isDomainError(error)) return { text: escapeText(error.userMessage), privately };
      throw error;
    }
  },
};
