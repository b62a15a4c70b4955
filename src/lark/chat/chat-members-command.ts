import { findSchoolPlacesByName, listSchoolPlaces } from '../../db/queries/chat-binding.js';
import { placeLabel } from '../../domain/roster/bind-chat.js';
import { membersNotInRoster } from '../../domain/roster/chat-membership.js';
import { usableChatOf } from '../../domain/roster/school-destination.js';
import { chatBindingTexts as t } from '../../texts/chat-binding-texts.js';
import { buildChatMembersCard } from '../cards/bind-chat-card.js';
import { escapeText } from '../cards/escape-markdown.js';
import type { ChatMember } from '../chat-members.js';
import type { Command } from './command.js';

/**
 * `群成员 学校名`, an admin 1:1: who is in the school's chat but not in the roster (Lark's members
 * API, every page), each with 「添加为老师」. Names from Lark are shown only to the admin.
 */
export const chatMembersCommand: Command = {
  name: '群成员',
  aliases: ['members'],
  usage: t.membersUsage,
  summary: t.membersSummary,
  roles: ['admin'],
  async run(ctx) {
    if (ctx.inGroup) return { text: t.membersAskPrivately, privately: true };
    const words = ctx.args.trim();
    if (words === '' || !ctx.chatMembers) return { text: t.membersNeedSchool };
    // The exact name first; else the one school whose name or town holds the words.
    const exact = await findSchoolPlacesByName(ctx.db, words);
    const near = exact.length > 0 ? [] : (await listSchoolPlaces(ctx.db, { words, limit: 2 })).places;
    const school = exact[0] ?? (near.length === 1 ? near[0] : undefined);
    if (!school) return { text: t.membersNeedSchool };
    const label = placeLabel(school);
    const chatId = usableChatOf(school);
    if (!chatId) return { text: t.membersNoChat(escapeText(label)) };
    let members: ChatMember[];
    try {
      members = await ctx.chatMembers(chatId);
    } catch {
      return { text: t.membersUnavailable };
    }
    const missing = await membersNotInRoster(ctx.db, members);
    if (missing.length === 0) return { text: t.membersAllKnown(escapeText(label), members.length) };
    return { card: buildChatMembersCard({ school: label, schoolId: school.id, members: missing, total: members.length }) };
  },
};
