import type { Db } from '../../db/database.js';
import type { Person } from '../../db/queries/people.js';
import type { CampaignsNow } from '../../domain/responses/campaigns-for.js';
import { isDomainError } from '../../errors.js';
import { commonTexts } from '../../texts/common-texts.js';
import { answerCommand, answerFreeText } from './answer-command.js';
import type { Command, CommandReply } from './command.js';
import { createHelpCommand } from './help-command.js';
import { mineCommand } from './mine-command.js';
import { summaryCommand } from './summary-command.js';

const helpCommand = createHelpCommand(() => commands);

/** Every chat command, Chinese names first; help is generated from this list. */
export const commands: readonly Command[] = [answerCommand, mineCommand, summaryCommand, helpCommand];

/** A Chinese name may run straight into its arguments (汇总横渠镇); an ASCII one needs a boundary. */
export function matchCommand(text: string): { command: Command; args: string } | undefined {
  const lower = text.toLowerCase();
  for (const command of commands) {
    for (const name of [command.name, ...command.aliases]) {
      if (!lower.startsWith(name.toLowerCase())) continue;
      const rest = text.slice(name.length);
      const needsBoundary = /^[\x21-\x7e]+$/.test(name);
      if (needsBoundary && rest && !/^[\s:：,，]/.test(rest)) continue;
      return { command, args: rest.replace(/^[\s:：,，]+/, '').trim() };
    }
  }
  return undefined;
}

/** The command a message asks for that the person's role may not use (for the log); undefined otherwise. */
export function refusedCommand(text: string, role: Person['role']): string | undefined {
  const matched = matchCommand(text);
  return matched && !matched.command.roles.includes(role) ? matched.command.name : undefined;
}

/** Decides what to answer to one message from a person in the roster. Nothing here sends. */
export async function answerMessage(ctx: {
  db: Db;
  person: Person;
  text: string;
  now: Date;
  timezone: string;
  inGroup: boolean;
  campaigns: CampaignsNow;
}): Promise<CommandReply> {
  const base = { db: ctx.db, person: ctx.person, now: ctx.now, timezone: ctx.timezone, inGroup: ctx.inGroup, campaigns: ctx.campaigns };
  const matched = matchCommand(ctx.text);
  if (!matched) {
    // Not a command: an answer to one of the person's campaigns, or else the help.
    const answered = await refusalAsReply(() => answerFreeText({ ...base, args: ctx.text }));
    if (answered) return answered;
    const help = await helpCommand.run({ ...base, args: '' });
    return { text: `${commonTexts.notUnderstood}\n${'text' in help ? help.text : ''}` };
  }
  const { command, args } = matched;
  if (!command.roles.includes(ctx.person.role)) {
    return { text: commonTexts.notAllowed(command.name, command.roles.map((r) => commonTexts.roleNames[r]).join('、')) };
  }
  return refusalAsReply(() => command.run({ ...base, args }));
}

/** A domain refusal (a value to fix, no open round …) becomes the reply; anything else is a failure. */
async function refusalAsReply<T>(run: () => Promise<T>): Promise<T | CommandReply> {
  try {
    return await run();
  } catch (error) {
    if (isDomainError(error)) return { text: error.userMessage };
    throw error;
  }
}
