import { z } from 'zod';
import { addTeacherFromChat } from '../../domain/roster/chat-membership.js';
import { placeLabel } from '../../domain/roster/bind-chat.js';
import { chatBindingTexts as t } from '../../texts/chat-binding-texts.js';
import { escapeText } from '../cards/escape-markdown.js';
import { defineCardAction, rowId, toast } from './card-action.js';

/** 添加为老师 on the admin's 群成员 card: the member joins the roster as a teacher of that school, named as Lark names them. */
export const addTeacherAction = defineCardAction({
  name: 'add_teacher',
  schema: z.object({ school_id: rowId, open_id: z.string().min(1).max(100), name: z.string().max(100) }),
  async run({ db, person, value, now }) {
    const { added, school } = await addTeacherFromChat(db, now, {
      admin: person,
      schoolId: value.school_id,
      openId: value.open_id,
      name: value.name,
      origin: { channel: 'card', chatId: null },
    });
    const name = escapeText(value.name.trim());
    return added ? toast('success', t.addedTeacher(name, escapeText(placeLabel(school)))) : toast('info', t.alreadyInRoster(name));
  },
});
