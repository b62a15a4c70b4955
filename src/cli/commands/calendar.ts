import { parseArgs } from 'node:util';
import { systemClock } from '../../clock.js';
import { addSchoolPeriod, listSchoolPeriods, removeSchoolPeriods, saveCalendarOverride } from '../../db/queries/calendar.js';
import { CalendarInputError, parseCalendarCommand, parseCalendarDate } from '../../domain/calendar/calendar-file.js';
import { loadSchoolCalendar } from '../../domain/calendar/load-school-calendar.js';
import { OFFICIAL_YEARS } from '../../domain/calendar/official-holidays.js';
import type { CliCommand } from '../cli-command.js';

const USAGE =
  'calendar list --year YYYY | add-holiday DATE [NAME] | add-workday DATE [NAME] | remove DATE | add-vacation START END NAME | add-term NAME START END | remove-period NAME';

/** What bare `calendar` (or `calendar help`) prints: every subcommand, one per line. */
const SUBCOMMANDS = [
  '用法：npm run cli -- calendar 子命令',
  '  list [--year YYYY]               列出该年的放假、调休上班，以及假期和学期',
  '  add-holiday DATE [NAME]          把某天设为放假（如 2026-12-31 元旦调休）',
  '  add-workday DATE [NAME]          把某个周末设为上班（调休）',
  '  remove DATE                      去掉对某天的改动，回到周一至周五上班的规则',
  '  add-vacation START END NAME      添加学校假期（寒假、暑假）',
  '  add-term NAME START END          添加学期（按学期的填报从学期开始算）',
  '  remove-period NAME               删除这个名称的学期或假期（如示例校历的 2026秋季学期(示例)）',
].join('\n');

/** The school calendar: official holidays and make-up workdays, the admin's changes, vacations and terms. */
export const calendarCommand: CliCommand = {
  name: 'calendar',
  usage: 'calendar list --year YYYY | add-holiday | add-workday | remove | add-vacation | add-term | remove-period',
  summary: 'show or change holidays, make-up workdays (调休), school vacations and terms',
  async run(args, ctx) {
    const [verb, ...rest] = args;
    if (verb === undefined || verb === 'help' || verb === '--help') {
      ctx.out(SUBCOMMANDS);
      return 0;
    }
    try {
      if (verb === 'list') {
        const { values } = parseArgs({ args: rest, options: { year: { type: 'string' } } });
        const year = Number(values.year ?? new Date().getFullYear());
        const lastOfficial = Math.max(...OFFICIAL_YEARS);
        if (year > lastOfficial) {
          ctx.err(
            `官方节假日安排只收录到 ${lastOfficial} 年。${year} 年的放假和调休请在国务院公布后用 ` +
              'calendar add-holiday DATE NAME 和 calendar add-workday DATE NAME 逐日添加；在此之前只按周一至周五上班计。',
          );
        }
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
      if (verb === 'remove-period') {
        const [name] = rest;
        if (!name) throw new CalendarInputError(`用法：${USAGE}`);
        const removed = await removeSchoolPeriods((await ctx.database()).db, name);
        if (removed === 0) throw new CalendarInputError(`没有名为 ${name} 的学期或假期（calendar list --year YYYY 可查看）`);
        ctx.out(`removed ${name}`);
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
