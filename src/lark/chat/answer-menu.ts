import { findResponse } from '../../db/queries/responses.js';
import type { Role } from '../../db/schema/roster.js';
import { campaignsFor } from '../../domain/responses/campaigns-for.js';
import { findNextOpening } from '../../domain/responses/next-opening.js';
import type { NormalizedText } from '../../domain/text/normalize-text.js';
import { formatLocal } from '../../domain/time/zoned-time.js';
import { menuTexts } from '../../texts/menu-texts.js';
import { responseTexts } from '../../texts/response-texts.js';
import { escapeText } from '../cards/escape-markdown.js';
import { larkPresenter } from '../cards/lark-presenter.js';
import { findCommand, refusalAsReply, refusalOf, runCommand } from './command-registry.js';
import type { CommandContext, CommandReply } from './command.js';

/**
 * The bot menu's event keys (configured in the Lark console, 机器人 › 自定义菜单, 推送事件), each
 * the command a person would type: the same roles, the same refusals. 填报 is the one that differs:
 * typed, it is followed by the answer; chosen from the menu, it brings the form.
 */
export const MENU_COMMANDS = { fill: '填报', mine: '我的', progress: '进度', summary: '汇总', help: '帮助' } as const;
export type MenuKey = keyof typeof MENU_COMMANDS;

const isMenuKey = (key: string): key is MenuKey => Object.hasOwn(MENU_COMMANDS, key);

export type MenuAnswer = { replies: CommandReply[]; refused?: string; unknownKey?: boolean };

/** What to send 1:1 for one menu click by a person in the roster. Nothing here sends. */
export async function answerMenu(ctx: Omit<CommandContext, 'args' | 'said' | 'inGroup'>, eventKey: string): Promise<MenuAnswer> {
  const base: CommandContext = { ...ctx, args: '' as NormalizedText, said: '', inGroup: false };
  const command = isMenuKey(eventKey) ? findCommand(MENU_COMMANDS[eventKey]) : undefined;
  if (!command) return { replies: [{ text: menuTexts.unknownKey(itemsFor(ctx.person.role)) }], unknownKey: true };
  if (eventKey === 'fill') {
    const refusal = refusalOf(command, ctx.person.role);
    if (refusal) return { replies: [refusal.reply], ...(refusal.refused ? { refused: refusal.refused } : {}) };
    const replies = await refusalAsReply(() => formsOwed(base));
    return { replies: Array.isArray(replies) ? replies : [replies] };
  }
  const { reply, refused } = await runCommand(base, command);
  return { replies: [reply], ...(refused ? { refused } : {}) };
}

/** The menu items a role may use, by their names, for a key Ducha does not know. */
function itemsFor(role: Role): string[] {
  return (Object.keys(MENU_COMMANDS) as MenuKey[])
    .filter((key) => findCommand(MENU_COMMANDS[key])?.roles.includes(role))
    .map((key) => menuTexts.itemNames[key] ?? key);
}

/**
 * 填报 from the menu: the form card of each current round the person still owes, 1:1; when all
 * are answered, what they sent (to correct it); when none is open, when the next one opens.
 */
async function formsOwed(ctx: CommandContext): Promise<CommandReply[]> {
  const { db, person, campaigns, now, timezone } = ctx;
  const { open, notOpen } = campaignsFor(person, campaigns);
  if (open.length === 0) {
    const next = await findNextOpening(db, notOpen, now, timezone);
    return [{ text: next ? menuTexts.nothingOpen(escapeText(next.campaign.title), next.period, formatLocal(next.opensAt, timezone)) : responseTexts.noRound }];
  }
  const answered = await Promise.all(open.map(({ round }) => findResponse(db, round.id, person.id)));
  const owed = open.filter((_, i) => answered[i] === undefined);
  if (owed.length === 0) {
    const mine = await findCommand(MENU_COMMANDS.mine)!.run(ctx);
    return [{ text: `${menuTexts.allAnswered}\n${'text' in mine ? mine.text : ''}` }];
  }
  return owed.map(({ campaign, round }) => ({
    card: larkPresenter.promptCard({ campaign, period: round.period, due: formatLocal(round.dueAt, timezone), roundId: round.id, privately: true }),
  }));
}
