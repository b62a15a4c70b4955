import type { ReminderMode } from '../../db/schema/roster.js';
import { setReminderMode } from '../../domain/reminders/set-reminder-mode.js';
import { reminderModeTexts as t } from '../../texts/reminder-mode-texts.js';
import { escapeText } from '../cards/escape-markdown.js';
import type { Command } from './command.js';

/** The words for each mode, as people write them (Traditional 羣 and 私訊 too; 聊 and 都 are the same in both scripts). */
const MODE_WORDS: Record<string, ReminderMode> = {
  群: 'group', 羣: 'group', 群聊: 'group', 群里: 'group', 在群里: 'group', group: 'group',
  私聊: 'direct', 私信: 'direct', 私讯: 'direct', 单聊: 'direct', direct: 'direct',
  都: 'both', 都要: 'both', 两者: 'both', 两个都: 'both', 全部: 'both', both: 'both',
};

/**
 * `提醒方式 [群|私聊|都] [学校]`: how the school's teachers are reminded on the deadline morning
 * (see domain/reminders/direct-reminders.ts). The principal sets their own school; an admin names one.
 */
export const reminderModeCommand: Command = {
  name: '提醒方式',
  aliases: ['提醒设置'],
  usage: '提醒方式 私聊',
  summary: '查看或设置本校截止日怎样提醒未填报的老师：群（群里 @）、私聊、都',
  roles: ['principal', 'admin'],
  async run(ctx) {
    if (ctx.inGroup) return { text: t.askPrivately };
    // 「本校」 is the principal's own school: no name needed.
    const words = ctx.args.split(/[\s,，、:：]+/).filter((w) => w !== '' && w !== '本校');
    const modes = words.map((w) => MODE_WORDS[w.toLowerCase()]).filter((m) => m !== undefined);
    if (modes.length > 1) return { text: t.usage };
    const schoolName = words.filter((w) => MODE_WORDS[w.toLowerCase()] === undefined).join(' ') || undefined;
    // A principal's extra words that name no mode are most likely a mistyped mode, not a school.
    if (ctx.person.role === 'principal' && schoolName !== undefined && modes.length === 0) return { text: t.usage };
    const setting = await setReminderMode(ctx.db, { person: ctx.person, mode: modes[0], schoolName });
    const school = escapeText(setting.schoolName);
    const meaning = t.modeMeaning[setting.mode];
    if (modes.length === 0) return { text: t.current(school, setting.mode, meaning) };
    return { text: setting.changed ? t.changed(school, setting.mode, meaning) : t.unchanged(school, setting.mode) };
  },
};
