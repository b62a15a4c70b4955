import { z } from 'zod';
import { buildBureauSummary } from '../../domain/summary/build-bureau-summary.js';
import { isDomainError } from '../../errors.js';
import { commonTexts } from '../../texts/common-texts.js';
import { summaryTexts } from '../../texts/summary-texts.js';
import { buildSummaryCard } from '../cards/summary-card.js';
import { defineCardAction, toast } from './card-action.js';

/** The place words a summary card carries: one word (a town, a school, a group), or a town and a school. */
function placeWords(place: string | undefined): { place?: string; town?: string; school?: string } {
  if (place === undefined) return {};
  const [first, second] = place.split(' ');
  return second === undefined ? { place: first! } : { town: first!, school: second };
}

/**
 * 上一页/下一页 on a summary card: the summary is read again (numbers may have moved since) and
 * the card for that page replaces the one clicked, in place. Bureau and admin only, as `汇总` is.
 */
export const summaryPageAction = defineCardAction({
  name: 'summary_page',
  schema: z.object({
    campaign: z.string().min(1).max(100),
    period: z.string().min(1).max(60),
    place: z.string().min(1).max(200).optional(),
    page: z.number().int().min(0).max(100_000),
    buttons: z.boolean().optional(),
  }),
  async run({ db, person, value, now, timezone }) {
    if (person.role !== 'bureau' && person.role !== 'admin') return toast('error', commonTexts.notAllowed('汇总', '教体局和管理员'));
    try {
      const summary = await buildBureauSummary(db, { now, timezone, campaignCode: value.campaign, period: value.period, ...placeWords(value.place) });
      return { card: { type: 'raw', data: buildSummaryCard(summary, timezone, { page: value.page, buttons: value.buttons ?? false }) } };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return toast('error', summaryTexts.pages.gone);
    }
  },
});
