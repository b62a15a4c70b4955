import { describe, expect, it } from 'vitest';
import { DEFAULT_SENDING_WINDOW } from '../../src/domain/calendar/school-calendar.js';
import { isTimeInWindow, readClockTime } from '../../src/domain/mentoring/set-daily-check.js';
import { buildDailyCheckCard } from '../../src/lark/cards/daily-check-card.js';
import { findNodes } from '../helpers/card-tree.js';

const line = (id: number, answer: 'ok' | 'concern' | null, note: string | null = null) => ({ id, studentName: `学生${id}`, className: '三年级2班', answer, note });

describe('the 每天一问 card', () => {
  it('gives each unanswered student a form with a note and two submit buttons, every name unique on the card', () => {
    const card = buildDailyCheckCard({ mentorName: '王老师', day: '2026-12-01', checks: [line(7, null), line(8, null)] });
    const forms = findNodes(card, (n) => n['tag'] === 'form');
    expect(forms).toHaveLength(2);
    const submits = findNodes(card, (n) => n['form_action_type'] === 'submit');
    expect(submits.map((b) => (b['behaviors'] as { value: unknown }[])[0]!.value)).toEqual([
      { action: 'daily_check', check_id: 7, answer: 'ok' },
      { action: 'daily_check', check_id: 7, answer: 'concern' },
      { action: 'daily_check', check_id: 8, answer: 'ok' },
      { action: 'daily_check', check_id: 8, answer: 'concern' },
    ]);
    const names = findNodes(card, (n) => typeof n['name'] === 'string').map((n) => n['name']);
    expect(new Set(names).size).toBe(names.length);
  });

  it('shows an answered student as what was recorded, with no buttons, the note escaped', () => {
    const card = buildDailyCheckCard({ mentorName: '王老师', day: '2026-12-01', checks: [line(7, 'ok'), line(8, 'concern', '<at id=all></at>')] });
    expect(findNodes(card, (n) => n['tag'] === 'button')).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('学生7（三年级2班）：情况正常');
    expect(text).not.toContain('<at');
    expect(text).toContain('今天的情况都已记录');
  });
});

describe('每天一问’s time', () => {
  it('reads 16:00, 9:30 and 16：00; refuses what is not a time', () => {
    expect(['16:00', '9:30', '16：00', '25:00', '16', '开'].map(readClockTime)).toEqual(['16:00', '09:30', '16:00', undefined, undefined, undefined]);
  });

  it('must fall inside the sending window (its end excluded)', () => {
    const calendar = { window: DEFAULT_SENDING_WINDOW };
    expect(['08:00', '11:59', '12:00', '13:00', '14:30', '17:59', '18:00', '20:00'].map((t) => isTimeInWindow(calendar, t))).toEqual([true, true, false, false, true, true, false, false]);
  });
});
