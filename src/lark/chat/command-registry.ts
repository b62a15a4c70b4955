import type { NormalizedText } from '../../domain/text/normalize-text.js';
import { isDomainError } from '../../errors.js';
import { commonTexts } from '../../texts/common-texts.js';
import { escapeText } from '../cards/escape-markdown.js';
import { aidCommand } from './aid-command.js';
import { aidVerifyCommand } from './aid-verify-command.js';
import { answerCommand } from './answer-command.js';
import { answerFreeText } from './answer-free-text.js';
import type { Command, CommandContext, CommandReply } from './command.js';
import { createHelpCommand } from './help-command.js';
import { mineCommand } from './mine-command.js';
import { progressCommand } from './progress-command.js';
import { summaryCommand } from './summary-command.js';
import { exportCommand } from './export-command.js';
import { clearAlertCommand } from './clear-alert-command.js';
import { dailyCheckCommand } from './daily-check-command.js';
import { mentoringCommand } from './mentoring-command.js';
import { dropoutCommands } from './dropout-commands.js';
import { studentCommand } from './student-command.js';
import { visitCommand } from './visit-command.js';
import { inspectionCommand } from './inspection-command.js';
import { bulletinCommand } from './bulletin-command.js';
import { rankingCommand } from './ranking-command.js';
import { evidenceCommand } from './evidence-command.js';
import { archiveCommand } from './archive-command.js';
import { assessmentCommand } from './assessment-command.js';
import { reviewCommand } from './review-command.js';
import { noticeCommand } from './notice-command.js';
import { reminderModeCommand } from './reminder-mode-command.js';
import { bindChatCommand } from './bind-chat-command.js';
import { chatMembersCommand } from './chat-members-command.js';

const helpCommand = createHelpCommand(() => commands);

/** Every chat command, Chinese names first; help is generated from this list. */
export const commands: readonly Command[] = [answerCommand, mineCommand, visitCommand, studentCommand, clearAlertCommand, mentoringCommand, dailyCheckCommand, reminderModeCommand, ...dropoutCommands, aidCommand, aidVerifyCommand, progressCommand, summaryCommand, exportCommand, inspectionCommand, evidenceCommand, archiveCommand, reviewCommand, bulletinCommand, rankingCommand, assessmentCommand, noticeCommand, bindChatCommand, chatMembersCommand, helpCommand];

/** A Chinese name may run straight into its arguments (汇总横渠镇); an ASCII one needs a boundary. */
export function matchCommand(text: NormalizedText): { command: Command; args: NormalizedText } | undefined {
  const lower = text.toLowerCase();
  for (const command of commands) {
    for (const name of [command.name, ...command.aliases]) {
      if (!lower.startsWith(name.toLowerCase())) continue;
      const rest = text.slice(name.length);
      const needsBoundary = command.needsBoundary || /^[\x21-\x7e]+$/.test(name);
      if (needsBoundary && rest && !/^[\s:：,，]/.test(rest)) continue;
      // A trimmed tail of normalised text is normalised text.
      return { command, args: rest.replace(/^[\s:：,，]+/, '').trim() as NormalizedText };
    }
  }
  return undefined;
}

export type Answer = {
  reply: CommandReply;
  /** The command the person's role may not use, when that is what they asked for (for the log). */
  refused?: string;
  /** Answer 1:1, not in the chat the message came from. */
  privately?: boolean;
};

/** Teachers and principals report in their own school's chat or 1:1; the chat they speak in, when not that. */
const isOtherChat = (ctx: { person: { role: string; chatId: string | null }; inGroup: boolean; chatId?: string | undefined }) =>
  ctx.inGroup && (ctx.person.role === 'teacher' || ctx.person.role === 'principal') && ctx.chatId !== ctx.person.chatId;

/** Decides what to answer to one message from a person in the roster, matching it once. Nothing here sends. */
export async function answerMessage(
  ctx: Omit<CommandContext, 'args'> & { text: NormalizedText },
): Promise<Answer> {
  const { text, ...base } = ctx;
  const matched = matchCommand(text);
  // An answer in another school's chat, or a chat Ducha does not know, would count for the wrong
  // school (and could name a child there): nothing is stored, and the person is told 1:1 where to report.
  if ((!matched || matched.command === answerCommand || matched.command.ownSchoolChatOnly) && isOtherChat(ctx)) {
    return { reply: { text: commonTexts.notYourSchoolChat }, privately: true };
  }
  if (!matched) {
    // Not a command: an answer to one of the person's campaigns, or else the help.
    const answered = await refusalAsReply(() => answerFreeText({ ...base, args: text }));
    if (answered) return { reply: answered, privately: answered.privately };
    const help = await helpCommand.run({ ...base, args: '' as NormalizedText });
    return { reply: { text: `${commonTexts.notUnderstood}\n${'text' in help ? help.text : ''}` } };
  }
  return runCommand({ ...base, args: matched.args }, matched.command);
}

/** The command of that name (the bot menu's keys name commands: 我的, 进度 …). */
export const findCommand = (name: string): Command | undefined => commands.find((c) => c.name === name);

/** What someone whose role may not use the command is told (its own refusal, or the generic one); undefined when they may. */
export function refusalOf(command: Command, role: CommandContext['person']['role']): Answer | undefined {
  if (command.roles.includes(role)) return undefined;
  const roles = command.roles.map((r) => commonTexts.roleNames[r]).join('、');
  return { reply: { text: command.refusals?.[role] ?? commonTexts.notAllowed(command.name, roles) }, refused: command.name };
}

/** Runs a command for a person, typed or chosen from the bot's menu: the same role check, and a domain refusal as the reply. */
export async function runCommand(ctx: CommandContext, command: Command): Promise<Answer> {
  const refusal = refusalOf(command, ctx.person.role);
  if (refusal) return refusal;
  const reply = await refusalAsReply(() => command.run(ctx));
  return { reply, privately: reply.privately };
}

/**
 * A domain refusal (a value to fix, no open round …) becomes the reply; anything else is a failure.
 * Refusals quote places, titles and what was typed, and their own words carry no markup, so the
 * whole reply is escaped for a text message (no `<at>` or link from a town's name in a group).
 */
export async function refusalAsReply<T>(run: () => Promise<T>): Promise<T | CommandReply> {
  try {
    return await run();
  } catch (error) {
    if (isDomainError(error)) return { text: escapeText(error.userMessage) };
    throw error;
  }
}
