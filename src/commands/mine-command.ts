import { findCheckIn } from '../db/queries/check-ins.js';
import { findCurrentRoundOf } from '../domain/check-in/record-check-in.js';
import { formatLocal } from '../domain/time/zoned-time.js';
import { checkInTexts } from '../texts/check-in-texts.js';
import type { Command } from './command.js';

export const mineCommand: Command = {
  name: '我的',
  aliases: ['mine', '我的填报', '查询'],
  usage: '我的',
  summary: '查看自己本期的填报，或还欠哪一期',
  roles: ['teacher'],
  async run({ db, person, now, timezone, inGroup }) {
    const round = await findCurrentRoundOf(db, now);
    if (!round) return { text: checkInTexts.noRound };
    const due = formatLocal(round.dueAt, timezone);
    const stored = await findCheckIn(db, round.id, person.id);
    if (!stored) return { text: checkInTexts.owes(round.period, due) };
    return {
      text: checkInTexts.mine({
        period: round.period,
        values: stored,
        submittedAt: formatLocal(stored.submittedAt, timezone),
        late: stored.late,
        revisions: stored.revisions,
        inGroup,
      }),
    };
  },
};
