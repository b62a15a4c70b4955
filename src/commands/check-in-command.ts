import { checkInReceiptText } from '../domain/check-in/check-in-receipt.js';
import { parseMonthlyCheckIn } from '../domain/check-in/monthly-check-in-fields.js';
import { recordCheckIn } from '../domain/check-in/record-check-in.js';
import { checkInTexts } from '../texts/check-in-texts.js';
import type { Command } from './command.js';

/** A teacher's free-text answer; the router also sends here any message that reads as one. */
export const checkInCommand: Command = {
  name: '填报',
  aliases: ['上报'],
  usage: '走访5户 电话3户 新增预警1人 备注：…',
  summary: '填报本月动态监测（直接发这句话即可，重发即修改）',
  roles: ['teacher'],
  async run({ db, person, args, now, timezone, inGroup }) {
    const parsed = parseMonthlyCheckIn(args);
    if (!parsed) return { text: `请这样填报：${checkInCommand.usage}` };
    // A count we cannot accept (negative, decimal, too large) is asked again rather than stored as 0.
    const rejected = parsed.rejected[0] as keyof typeof checkInTexts.fieldLabels | undefined;
    if (rejected) return { text: checkInTexts.badNumber(checkInTexts.fieldLabels[rejected] ?? rejected) };
    const recorded = await recordCheckIn(db, now, {
      person,
      values: { homeVisits: parsed.homeVisits, phoneFollowups: parsed.phoneFollowups, newAlerts: parsed.newAlerts, note: parsed.note },
      source: 'text',
    });
    return { text: checkInReceiptText(recorded, person, timezone, inGroup) };
  },
};

export const looksLikeCheckIn = (text: string) => parseMonthlyCheckIn(text) !== null;
