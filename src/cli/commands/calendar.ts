import { parseArgs } from 'node:util';
import { systemClock } from '../../clock.js';
import { addSchoolPeriod, listSchoolPeriods, saveCalendarOverride } from '../../db/queries/calendar.js';
import { CalendarInputError, parseCalendarCommand, parseCalendarDate } from '../../domain/calendar/calendar-file.js';
import { loadSchoolCalendar } from '../../domain/calendar/load-school-calendar.js';
import type { CliCommand } from '../cli-command.js';

const USAGE =
  'calendar list --year YYYY | add-holiday DATE [NAME] | add-workday DATE [NAME] | remove DATE | add-vacation START END NAME | add-term NAME START END';

/** The school calendar: official holidays and make-up workdays, the admin's changes, vacations and terms. */
export const calendarCommand: CliCommand = {
  name: 'calendar',
  usage: 'calendar list --year YYYY | add-holiday | add-workday | remove | add-vacation | add-term',
  summary: 'show or change holidays, make-up workdays (调休), school vacations and terms',
  async run(args, ctx) {
    const [verb, ...rest] = args;
    try {
      if (verb === 'list') {
        const { values } = parseArgs({ args: rest, options: { year: { type: 'string' } } });
        const year = Number(values.year ?? new Date().getFullYear());
        const { db } = await ctx.database();
        const { calendar } = await loadSchoolCalendar(db, ctx.config.timezone);
        for (const d of calendar.listDays(year)) {
          ctx.out(`${d.date} ${d.weekday} ${d.kind === 'holiday' ? '放假' : '上班'} ${d.name}${d.provisional ? '（暂定）' : ''}`);
        }
        for (const p of (await listSchoolPeriods(db)).filter((p) => p.startsOn.startsWith(String(year)))) {
          ctx.out(`${p.startsOn}..${p.endsOn} ${p.kind === 'term' ? '学期' : '假期'} ${p.name}`);
        }
        return 0;
      }
      if (verb === 'add-vacation' || verb === 'add-term') {
        const [a, b, c] = rest;
        const [name, start, end] = verb === 'add-term' ? [a, b, c] : [c, a, b];
        if (!name || !start || !end) throw new CalendarInputError(`用法：${USAGE}`);
        const startsOn = parseCalendarDate(start);
        const endsOn = parseCalendarDate(end);
        if (endsOn < startsOn) throw new CalendarInputError('结束日期不能早于开始日期');
        await addSchoolPeriod((await ctx.database()).db, { kind: verb === 'add-term' ? 'term' : 'vacation', name, startsOn, endsOn });
        ctx.out(`${verb === 'add-term' ? 'term' : 'vacation'} ${name}: ${startsOn}..${endsOn}`);
        return 0;
      }
      const change = parseCalendarCommand(args);
      await saveCalendarOverride((await ctx.database()).db, {
        date: change.date,
        kind: change.op === 'remove' ? 'none' : change.op === 'add-holiday' ? 'holiday' : 'workday',
        name: change.op === 'remove' ? '' : change.name,
        changedAt: systemClock.now(),
      });
      ctx.out(`${change.op} ${change.date}`);
      return 0;
    } catch (error) {
      if (!(error instanceof CalendarInputError)) throw error;
      ctx.err(error.message);
      return 2;
    }
  },
};
