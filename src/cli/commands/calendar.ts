import { parseArgs } from 'node:util';
import { systemClock } from '../../clock.js';
import { addSchoolPeriod, listSchoolPeriods, removeSchoolPeriods, saveCalendarOverride } from '../../db/queries/calendar.js';
import { CalendarInputError, parseCalendarCommand, parseCalendarDate } from '../../domain/calendar/calendar-file.js';
import { loadSchoolCalendar } from '../../domain/calendar/load-school-calendar.js';
import { OFFICIAL_YEARS } from '../../domain/calendar/official-holidays.js';
import { calendarTexts, cliTexts } from '../../texts/cli-texts.js';
import type { CliCommand } from '../cli-command.js';

/** The school calendar: official holidays and make-up workdays, the admin's changes, vacations and terms. */
export const calendarCommand: CliCommand = {
  name: 'calendar',
  usage: 'calendar list --year YYYY | add-holiday | add-workday | remove | add-vacation | add-term | remove-period',
  summary: calendarTexts.summary,
  help: calendarTexts.subcommands,
  async run(args, ctx) {
    const [verb, ...rest] = args;
    if (verb === undefined || verb === 'help' || verb === '--help') {
      ctx.out(calendarTexts.subcommands);
      return 0;
    }
    try {
      if (verb === 'list') {
        const { values } = parseArgs({ args: rest, options: { year: { type: 'string' } } });
        const year = Number(values.year ?? new Date().getFullYear());
        const lastOfficial = Math.max(...OFFICIAL_YEARS);
        if (year > lastOfficial) {
          ctx.err(calendarTexts.beyondOfficial(lastOfficial, year));
        }
        const { db } = await ctx.database();
        const { calendar } = await loadSchoolCalendar(db, ctx.config.timezone);
        for (const d of calendar.listDays(year)) {
          ctx.out(calendarTexts.day({ ...d, holiday: d.kind === 'holiday' }));
        }
        for (const p of (await listSchoolPeriods(db)).filter((p) => p.startsOn.startsWith(String(year)))) {
          ctx.out(calendarTexts.period({ ...p, term: p.kind === 'term' }));
        }
        return 0;
      }
      if (verb === 'add-vacation' || verb === 'add-term') {
        const [a, b, c] = rest;
        const [name, start, end] = verb === 'add-term' ? [a, b, c] : [c, a, b];
        if (!name || !start || !end) throw new CalendarInputError(cliTexts.usage(calendarTexts.usage));
        const startsOn = parseCalendarDate(start);
        const endsOn = parseCalendarDate(end);
        if (endsOn < startsOn) throw new CalendarInputError(calendarTexts.endBeforeStart);
        await addSchoolPeriod((await ctx.database()).db, { kind: verb === 'add-term' ? 'term' : 'vacation', name, startsOn, endsOn });
        ctx.out(calendarTexts.periodAdded({ term: verb === 'add-term', name, startsOn, endsOn }));
        return 0;
      }
      if (verb === 'remove-period') {
        const [name] = rest;
        if (!name) throw new CalendarInputError(cliTexts.usage(calendarTexts.usage));
        const removed = await removeSchoolPeriods((await ctx.database()).db, name);
        if (removed === 0) throw new CalendarInputError(calendarTexts.noSuchPeriod(name));
        ctx.out(calendarTexts.periodRemoved(name));
        return 0;
      }
      const change = parseCalendarCommand(args);
      await saveCalendarOverride((await ctx.database()).db, {
        date: change.date,
        kind: change.op === 'remove' ? 'none' : change.op === 'add-holiday' ? 'holiday' : 'workday',
        name: change.op === 'remove' ? '' : change.name,
        changedAt: systemClock.now(),
      });
      ctx.out(calendarTexts.dayChanged(change.op, change.date));
      return 0;
    } catch (error) {
      if (!(error instanceof CalendarInputError)) throw error;
      ctx.err(error.message);
      return 2;
    }
  },
};
