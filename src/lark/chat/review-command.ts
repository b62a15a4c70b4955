import { readReviewQueue } from '../../domain/evidence/read-review-queue.js';
import { evidenceReviewTexts as t } from '../../texts/evidence-review-texts.js';
import { buildEvidenceReviewCard } from '../cards/evidence-review-card.js';
import type { Command } from './command.js';

/**
 * `审核 [学校|镇街|教育集团]`, 1:1 only: the bureau's list of evidence waiting for a decision,
 * oldest first, with 通过 and 退回 on each. Said in a group, the answer goes 1:1 and only says
 * where to ask: no school's evidence is ever shown in a group.
 */
export const reviewCommand: Command = {
  name: '审核',
  aliases: ['review'],
  // 「审核材料已上报…」 may be a principal's written report: only `审核` alone or with a space is the command.
  needsBoundary: true,
  usage: t.usage,
  summary: t.commandSummary,
  roles: ['bureau', 'admin'],
  refusals: { teacher: t.teacherRefusal, principal: t.principalRefusal },
  async run({ db, person, args, timezone, inGroup }) {
    if (inGroup) return { text: t.askPrivately, privately: true };
    const words = args.split(/\s+/).filter(Boolean);
    if (words.length > 2) return { text: t.badArgs };
    const where = words.length === 2 ? { town: words[0]!, school: words[1]! } : words.length === 1 ? { place: words[0]! } : undefined;
    const queue = await readReviewQueue(db, { reviewer: person, ...(where ? { where } : {}) });
    return { card: buildEvidenceReviewCard(queue, { timezone }) };
  },
};
