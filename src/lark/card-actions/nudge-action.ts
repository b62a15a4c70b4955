import { z } from 'zod';
import { loadSchoolCalendar } from '../../domain/calendar/load-school-calendar.js';
import { nudgeMissingTeachers } from '../../domain/reminders/nudge-missing-teachers.js';
import { reminderTexts } from '../../texts/reminder-texts.js';
import { chatBindingTexts } from '../../texts/chat-binding-texts.js';
import { larkPresenter } from '../cards/lark-presenter.js';
import { defineCardAction, rowId, toast } from './card-action.js';

/** The principal's reminder card: remind the teachers who still owe, once a day, in the school chat (or 1:1 with 提醒方式 私聊). */
export const nudgeAction = defineCardAction({
  name: 'nudge',
  schema: z.object({ round_id: rowId, school_id: rowId }),
  async run({ db, person, value, now, timezone }) {
    const { calendar } = await loadSchoolCalendar(db, timezone);
    const { nudged, skipped, to } = await nudgeMissingTeachers(db, {
      principal: person,
      roundId: value.round_id,
      schoolId: value.school_id,
      now,
      timezone,
      calendar,
      present: larkPresenter,
    });
    if (to === 'teachers') return toast('success', skipped.length ? reminderTexts.nudgedDirectSkipping(nudged, skipped) : reminderTexts.nudgedDirect(nudged));
    if (to === 'principal') return toast('success', chatBindingTexts.nudgedPrivately(nudged));
    return toast('success', skipped.length ? reminderTexts.nudgedSkipping(nudged, skipped) : reminderTexts.nudged(nudged));
  },
});
