import type { DropoutPresenter } from '../../domain/dropouts/dropout-jobs.js';
import { dropoutStateNames as names, dropoutTexts as t } from '../../texts/dropout-texts.js';
import { escapeText } from './escape-markdown.js';

/** 控辍保学's scheduled text messages, every name escaped (the bureau's summary gets masked names only). */
export const dropoutPresenter: DropoutPresenter = {
  weeklyReminderText: (o) =>
    t.weeklyReminder({
      name: escapeText(o.name),
      lines: o.cases.map((c) => t.weeklyLine({ name: escapeText(c.name), className: escapeText(c.className), state: names[c.state], days: c.days, lastAttempt: c.lastAttempt })),
    }),
  dailySummaryText: (o) => {
    const entry = (e: (typeof o.opened)[number]) => t.summaryEntry({ school: escapeText(e.school), masked: escapeText(e.masked), state: names[e.state] });
    return t.dailySummary({ day: o.day, opened: o.opened.map(entry), closed: o.closed.map(entry), open: o.open });
  },
};
