import { readSchoolProgress } from '../../domain/progress/read-school-progress.js';
import { progressTexts } from '../../texts/progress-texts.js';
import { buildProgressCard } from '../cards/progress-card.js';
import type { Command } from './command.js';

/**
 * 「进度」: the principal's own school for every open campaign. 1:1 it names the teachers who
 * have not answered; in the school chat (their own only) it gives counts, so nobody is named
 * before colleagues (减负: no ranking of teachers), and never a child.
 */
export const progressCommand: Command = {
  name: '进度',
  aliases: ['本校进度', '填报进度', 'progress'],
  usage: '进度',
  summary: '查看本校各填报项目的进度：谁还没填（私聊时显示名单）、本校数字与上期比较、您自己的报告是否已交',
  roles: ['principal'],
  // A principal's plain-text report may start with the word (「进度安排…」) and must stay a report.
  needsBoundary: true,
  refusals: progressTexts.refusals,
  ownSchoolChatOnly: true,
  async run({ db, person, campaigns, now, timezone, inGroup }) {
    if (person.schoolId === null) return { text: progressTexts.noRound };
    if (!campaigns.some((c) => c.round !== undefined)) return { text: progressTexts.noRound };
    const progress = await readSchoolProgress(db, { schoolId: person.schoolId, principalId: person.id, campaigns, now, withNames: !inGroup });
    return { card: buildProgressCard(progress, { timezone, now }) };
  },
};
