import { loadSchoolCalendar } from '../../domain/calendar/load-school-calendar.js';
import { readClockTime, setDailyCheck } from '../../domain/mentoring/set-daily-check.js';
import { mentoringTexts as t } from '../../texts/mentoring-texts.js';
import { escapeText } from '../cards/escape-markdown.js';
import type { Command } from './command.js';

const ON = new Set(['开', '开启', '打开', 'on']);
const OFF = new Set(['关', '关闭', 'off']);

/** `每天一问 开|关 [16:00] [学校]`: the school's principal (or an admin naming the school) turns the mentors' daily card on or off. */
export const dailyCheckCommand: Command = {
  name: '每天一问',
  aliases: [],
  usage: '每天一问 开 16:30',
  summary: '开启或关闭本校「每天一问」：上学日定时私聊帮扶教师确认所帮扶学生情况',
  roles: ['principal', 'admin'],
  async run(ctx) {
    const [switchWord, ...rest] = ctx.args.trim().split(/\s+/).filter(Boolean);
    const word = switchWord?.toLowerCase() ?? '';
    if (!ON.has(word) && !OFF.has(word)) return { text: t.settingUsage };
    const at = rest.map(readClockTime).find((time) => time !== undefined);
    const schoolName = rest.filter((w) => readClockTime(w) === undefined).join(' ') || undefined;
    const { calendar } = await loadSchoolCalendar(ctx.db, ctx.timezone);
    const setting = await setDailyCheck(ctx.db, ctx.now, { person: ctx.person, on: ON.has(word), at, schoolName, calendar });
    const school = escapeText(setting.schoolName);
    return { text: setting.on ? t.turnedOn(school, setting.at) : t.turnedOff(school) };
  },
};
