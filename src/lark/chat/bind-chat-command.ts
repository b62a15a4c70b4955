import { offerChatBinding } from '../../domain/roster/bind-chat.js';
import { chatBindingTexts as t } from '../../texts/chat-binding-texts.js';
import { buildBindingOfferCard } from '../cards/bind-chat-card.js';
import type { Command } from './command.js';

/**
 * `@督查助手 绑定 [学校名或镇街]` in a group: the same 「这是哪个学校的群？」 card the bot posts when
 * it is added, for whoever asks (a teacher added it; an admin rebinds; an admin narrows a long list).
 */
export const bindChatCommand: Command = {
  name: '绑定',
  aliases: ['bind'],
  usage: t.bindUsage,
  summary: t.bindSummary,
  roles: ['principal', 'bureau', 'admin'],
  refusals: { teacher: t.notEligible },
  async run(ctx) {
    if (!ctx.inGroup || !ctx.chatId) return { text: t.askInGroup };
    const offer = await offerChatBinding(ctx.db, { person: ctx.person, chatId: ctx.chatId, words: ctx.args });
    if (offer.kind !== 'offer') return { text: t.notEligible };
    return { card: buildBindingOfferCard(offer, { chatId: ctx.chatId, personName: ctx.person.name }) };
  },
};
