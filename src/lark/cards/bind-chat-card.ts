import type { BindingOffer, BindingPlace } from '../../domain/roster/bind-chat.js';
import { chatBindingTexts as t } from '../../texts/chat-binding-texts.js';
import { escapeMarkdown } from './escape-markdown.js';

/** What the card's 确认 carries back (card-actions/bind-chat-action.ts); an admin's pick is in form_value.place, else in `place`. */
export type BindChatValue = { action: 'bind_chat'; chat_id: string; place?: string };

/** A place as an option's (or button's) value: `bureau`, or `school:<id>`. */
export const placeValue = (p: BindingPlace): string => (p.kind === 'bureau' ? 'bureau' : `school:${p.schoolId}`);

const placeName = (p: BindingPlace): string => (p.kind === 'bureau' ? t.bureauPlace : p.label);

const plain = (content: string) => ({ tag: 'plain_text', content });

/**
 * 「这是哪个学校的群？」 in a group the bot was added to, for the person who added it (or asked
 * 「绑定」): a principal or bureau officer confirms their one place with a button; an admin picks
 * from a select of every school and 教育局群 (cut at MAX_BINDING_PLACES, searchable by 「绑定 词」).
 */
export function buildBindingOfferCard(offer: Extract<BindingOffer, { kind: 'offer' }>, o: { chatId: string; personName: string }): Record<string, unknown> {
  const lines = [t.offerIntro(escapeMarkdown(o.personName))];
  if (offer.current?.kind === 'bureau') lines.push(t.offerCurrent(escapeMarkdown(t.bureauPlace)));
  else if (offer.current) lines.push((offer.current.removed ? t.offerCurrentRemoved : t.offerCurrent)(escapeMarkdown(offer.current.label)));
  if (offer.places.length === 0 && offer.words) lines.push(t.noPlaceFound(escapeMarkdown(offer.words)));
  if (offer.total > offer.places.length) lines.push(t.offerMore(offer.places.length, offer.total));
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: t.offerTitle } },
    header: { title: plain(t.offerTitle), template: 'blue' },
    body: { elements: [{ tag: 'markdown', content: lines.join('\n') }, ...choiceElements(offer.places, o.chatId)] },
  };
}

function choiceElements(places: readonly BindingPlace[], chatId: string): Record<string, unknown>[] {
  const [only] = places;
  if (places.length === 1 && only) {
    const value: BindChatValue = { action: 'bind_chat', chat_id: chatId, place: placeValue(only) };
    const label = only.kind === 'bureau' ? t.confirmBureau : t.confirmSchool(only.label);
    return [{ tag: 'button', text: plain(label), type: 'primary_filled', behaviors: [{ type: 'callback', value }] }];
  }
  if (places.length === 0) return [];
  const value: BindChatValue = { action: 'bind_chat', chat_id: chatId };
  return [
    {
      tag: 'form',
      name: 'bind_chat_form',
      elements: [
        {
          tag: 'select_static',
          name: 'place',
          required: true,
          label: plain(t.placeLabel),
          label_position: 'top',
          placeholder: plain(t.placePlaceholder),
          width: 'fill',
          options: places.map((p) => ({ text: plain(placeName(p)), value: placeValue(p) })),
        },
        { tag: 'button', name: 'submit', text: plain(t.confirm), type: 'primary_filled', form_action_type: 'submit', behaviors: [{ type: 'callback', value }] },
      ],
    },
  ];
}

/** What the 添加为老师 button carries back (card-actions/add-teacher-action.ts): the member as Lark named them. */
export type AddTeacherValue = { action: 'add_teacher'; school_id: number; open_id: string; name: string };

/** A card has at most 200 components: one button a member, and room for the rest. */
export const MAX_MEMBER_ROWS = 50;

/** 1:1 to the admin: the members of a school's chat the roster lacks, each a 「添加 姓名 为老师」 button. */
export function buildChatMembersCard(o: { school: string; schoolId: number; members: readonly { openId: string; name: string }[]; total: number }): Record<string, unknown> {
  const shown = o.members.slice(0, MAX_MEMBER_ROWS);
  const title = t.membersTitle(o.school);
  const intro = [t.membersIntro(o.members.length, o.total), ...(shown.length < o.members.length ? [t.membersTruncated(shown.length)] : [])].join('\n');
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: title } },
    header: { title: plain(title), template: 'blue' },
    body: {
      elements: [
        { tag: 'markdown', content: intro },
        ...shown.map((m) => {
          const value: AddTeacherValue = { action: 'add_teacher', school_id: o.schoolId, open_id: m.openId, name: m.name };
          // plain_text: the name as Lark gives it, never read as markup.
          return { tag: 'button', text: plain(t.addAsTeacher(m.name)), type: 'default', width: 'fill', behaviors: [{ type: 'callback', value }] };
        }),
      ],
    },
  };
}
