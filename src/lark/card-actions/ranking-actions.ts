import { z } from 'zod';
import { enqueueMessages, outboxKey } from '../../db/queries/outbox.js';
import { explainSchoolScore } from '../../domain/scoring/explain-school-score.js';
import { scoreSchools } from '../../domain/scoring/score-schools.js';
import { isDomainError } from '../../errors.js';
import { commonTexts } from '../../texts/common-texts.js';
import { rankingTexts as t } from '../../texts/ranking-texts.js';
import { buildRankingCard } from '../cards/ranking-card.js';
import { buildRankingWhyCard } from '../cards/ranking-why-card.js';
import { defineCardAction, rowId, toast } from './card-action.js';
import type { Person } from '../../db/queries/people.js';

const mayRead = (person: Person) => person.role === 'bureau' || person.role === 'admin';
const period = z.string().min(1).max(20);

/** 上一页/下一页 on the ranking: scored again (a correction may have moved a school) and replaced in place. */
export const rankingPageAction = defineCardAction({
  name: 'ranking_page',
  schema: z.object({ period, page: z.number().int().min(0).max(100_000) }),
  async run({ db, person, value, timezone }) {
    if (!mayRead(person)) return toast('error', commonTexts.notAllowed('排名', '教体局和管理员'));
    try {
      return { card: { type: 'raw', data: buildRankingCard(await scoreSchools(db, { label: value.period, timezone }), { page: value.page }) } };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return toast('error', t.pageGone);
    }
  },
});

/**
 * 「查看原因」 beside a school: the why goes 1:1 to whoever clicked, so a ranking in the bureau
 * chat stays as it is and the detail (inspectors' reasons) is read by one person.
 */
export const rankingWhyAction = defineCardAction({
  name: 'ranking_why',
  schema: z.object({ period, school_id: rowId }),
  async run({ db, person, value, now, timezone, event }) {
    if (!mayRead(person)) return toast('error', commonTexts.notAllowed('排名', '教体局和管理员'));
    let card: Record<string, unknown> | undefined;
    try {
      const { scores, returned } = await explainSchoolScore(db, { label: value.period, timezone, schoolId: value.school_id });
      card = buildRankingWhyCard(scores, value.school_id, returned);
    } catch (error) {
      if (!isDomainError(error)) throw error;
    }
    if (!card) return toast('error', t.whyGone);
    await enqueueMessages(db, now, [
      { key: outboxKey('ranking-why', event.event_id), kind: 'ranking-why', to: { openId: person.openId }, msgType: 'interactive', content: card, notBefore: now },
    ]);
    return toast('success', t.whySent);
  },
});
