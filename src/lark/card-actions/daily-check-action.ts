import { z } from 'zod';
import { listDailyChecksOf } from '../../db/queries/daily-checks.js';
import { loadSchoolCalendar } from '../../domain/calendar/load-school-calendar.js';
import { answerDailyCheck } from '../../domain/mentoring/answer-daily-check.js';
import { mentoringTexts as t } from '../../texts/mentoring-texts.js';
import { buildDailyCheckCard, noteFieldOf } from '../cards/daily-check-card.js';
import { dailyCheckPresenter } from '../cards/daily-check-presenter.js';
import { defineCardAction, rowId, toast } from './card-action.js';

/**
 * 情况正常 / 需关注 on a mentor's 每天一问 card: the answer (and the student's note, if written)
 * is recorded, and the card is redrawn in place showing what was recorded for each student.
 */
export const dailyCheckAction = defineCardAction({
  name: 'daily_check',
  schema: z.object({ check_id: rowId, answer: z.enum(['ok', 'concern']) }),
  async run({ db, person, value, now, timezone, event }) {
    const form: unknown = event.action?.form_value;
    const raw = form && typeof form === 'object' ? (form as Record<string, unknown>)[noteFieldOf(value.check_id)] : undefined;
    const note = typeof raw === 'string' ? raw : '';
    const { calendar } = await loadSchoolCalendar(db, timezone);
    const origin = { channel: 'card' as const, chatId: event.context?.open_chat_id ?? null };
    const answered = await answerDailyCheck(db, now, { mentor: person, checkId: value.check_id, answer: value.answer, note, origin, calendar, present: dailyCheckPresenter });
    const checks = await listDailyChecksOf(db, person.id, answered.check.day);
    const card = buildDailyCheckCard({ mentorName: person.name, day: answered.check.day, checks });
    const said = answered.already ? toast('info', t.alreadyAnswered) : toast('success', answered.check.answer === 'ok' ? t.recordedOk : t.recordedConcern);
    return { ...said, card: { type: 'raw', data: card } };
  },
});
