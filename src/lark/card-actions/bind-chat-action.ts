import { z } from 'zod';
import { bindChat } from '../../domain/roster/bind-chat.js';
import { chatBindingTexts as t } from '../../texts/chat-binding-texts.js';
import { buildChosenCard } from '../cards/choose-student-card.js';
import { escapeText } from '../cards/escape-markdown.js';
import { defineCardAction, rowIdOrUndefined, toast } from './card-action.js';

/** `bureau`, or `school:<id>` (cards/bind-chat-card.ts writes them); undefined for anything else. */
function readPlace(raw: unknown): { kind: 'school'; schoolId: number } | { kind: 'bureau' } | undefined {
  if (raw === 'bureau') return { kind: 'bureau' };
  const id = typeof raw === 'string' && raw.startsWith('school:') ? rowIdOrUndefined.parse(raw.slice('school:'.length)) : undefined;
  return id === undefined ? undefined : { kind: 'school', schoolId: id };
}

/**
 * 确认 on 「这是哪个学校的群？」: binds the chat the card was sent into. Anyone in that group may
 * click; bindChat decides by their role (principal: own school, bureau: 教育局群, admin: any, rebinding too).
 */
export const bindChatAction = defineCardAction({
  name: 'bind_chat',
  schema: z.object({ chat_id: z.string().min(1).max(200), place: z.string().max(40).optional() }),
  anyoneInTheGroup: true,
  async run({ db, person, value, event, now, sentToChat }) {
    if (sentToChat !== value.chat_id) return toast('error', t.wrongChat);
    const place = readPlace(value.place ?? event.action?.form_value?.place);
    if (!place) return toast('error', t.pickNothing);
    const bound = await bindChat(db, now, { person, chatId: value.chat_id, place, origin: { channel: 'card', chatId: value.chat_id } });
    const said =
      (bound.place.kind === 'bureau' ? t.boundBureau : t.boundSchool(escapeText(bound.place.label))) + (bound.replaced ? t.rebound(escapeText(bound.replaced)) : '');
    return { ...toast('success', said), card: { type: 'raw', data: buildChosenCard(said, t.boundTitle) } };
  },
});
