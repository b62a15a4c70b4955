import { loadSchoolCalendar } from '../../domain/calendar/load-school-calendar.js';
import { openDropoutCase } from '../../domain/dropouts/open-dropout-case.js';
import { countOpenDropouts, listOpenDropouts, readDropoutCase } from '../../domain/dropouts/read-dropouts.js';
import { maskStudentName } from '../../domain/students/mask-name.js';
import { dropoutStateNames as names, dropoutTexts as t } from '../../texts/dropout-texts.js';
import { buildDropoutCaseCard, buildDropoutListCard } from '../cards/dropout-case-card.js';
import { escapeMarkdown } from '../cards/escape-markdown.js';
import type { Command } from './command.js';
import { originOf, splitFirst, withDropoutStudent } from './dropout-student.js';

/**
 * `辍学 张小明 连续三天未到校`: opens (or reopens) a dropout case, the reporter responsible.
 * `辍学 张小明`, 1:1: the case card. `辍学` alone: the open cases (1:1), or only counts (in a group).
 */
export const dropoutCommand: Command = {
  name: '辍学',
  aliases: ['控辍'],
  needsBoundary: true,
  usage: '辍学 张小明 连续三天未到校（私聊只发「辍学」：未结案例名单）',
  summary: '登记疑似辍学学生（控辍保学），查看辍学案例和名单',
  roles: ['teacher', 'principal', 'bureau', 'admin'],
  ownSchoolChatOnly: true,
  async run(ctx) {
    const [said, reason] = splitFirst(ctx.args);
    const { calendar } = await loadSchoolCalendar(ctx.db, ctx.timezone);
    if (!said) {
      if (ctx.inGroup) {
        const { open, byState } = await countOpenDropouts(ctx.db, { schoolId: ctx.person.schoolId });
        const parts = Object.entries(byState).map(([s, n]) => `${names[s as keyof typeof names]} ${n}`);
        return { text: t.groupCounts(open, parts.join('，')) };
      }
      const rows = await listOpenDropouts(ctx.db, ctx.now, { person: ctx.person, calendar, origin: originOf(ctx) });
      return rows ? { card: buildDropoutListCard(rows) } : { text: t.listUsage };
    }
    return withDropoutStudent(ctx, said, async (student) => {
      if (!reason) {
        if (ctx.inGroup) return { text: t.askPrivately, privately: true };
        const reading = await readDropoutCase(ctx.db, ctx.now, { person: ctx.person, student, calendar, origin: originOf(ctx) });
        return reading ? { card: buildDropoutCaseCard(reading, { openId: ctx.person.openId, timezone: ctx.timezone }), privately: true } : { text: t.noOpenCase };
      }
      const opened = await openDropoutCase(ctx.db, ctx.now, { person: ctx.person, student, reason, visitId: null, origin: originOf(ctx) });
      if (ctx.inGroup) {
        const masked = maskStudentName(student.name);
        return { text: opened.kind === 'already-open' ? t.alreadyOpenInGroup(masked, names[opened.case.state]) : t.openedInGroup(masked) };
      }
      // Markdown of the card: the name and reason escaped for it.
      const [name, why] = [escapeMarkdown(student.name), escapeMarkdown(reason)];
      const note = opened.kind === 'opened' ? t.opened(name, why) : opened.kind === 'reopened' ? t.reopened(name, why) : t.alreadyOpen(name, names[opened.case.state]);
      const reading = await readDropoutCase(ctx.db, ctx.now, { person: ctx.person, student, calendar, origin: originOf(ctx) });
      // By open_id: a click is taken only on a card sent to the person.
      return { card: buildDropoutCaseCard(reading!, { openId: ctx.person.openId, timezone: ctx.timezone, note }), privately: true };
    });
  },
};
