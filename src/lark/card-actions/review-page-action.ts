import { z } from 'zod';
import { readReviewQueue } from '../../domain/evidence/read-review-queue.js';
import { isDomainError } from '../../errors.js';
import { evidenceReviewTexts as t } from '../../texts/evidence-review-texts.js';
import { buildEvidenceReviewCard } from '../cards/evidence-review-card.js';
import { defineCardAction, rowId, toast } from './card-action.js';

/** The place a review card carries (see PlaceQuery): read again on every click. */
export const placeFields = {
  place: z.string().min(1).max(200).optional(),
  town: z.string().min(1).max(200).optional(),
  school: z.string().min(1).max(200).optional(),
};

/** Only the fields a card set: `exactOptionalPropertyTypes` keeps absent and undefined apart. */
export const whereOf = (v: { place?: string | undefined; town?: string | undefined; school?: string | undefined }) => ({
  ...(v.place !== undefined ? { place: v.place } : {}),
  ...(v.town !== undefined ? { town: v.town } : {}),
  ...(v.school !== undefined ? { school: v.school } : {}),
});

/**
 * 上一页/下一页, 退回 (the reason form opens under that upload) and 取消 on the review card: the
 * list is read again (another reviewer may have decided some) and the card redrawn in place.
 */
export const reviewPageAction = defineCardAction({
  name: 'review_page',
  schema: z.object({ page: z.number().int().min(1).max(100_000), rejecting: rowId.optional(), ...placeFields }),
  async run({ db, person, value, timezone }) {
    try {
      const queue = await readReviewQueue(db, { reviewer: person, where: whereOf(value), page: value.page });
      const rejecting = value.rejecting !== undefined && queue.items.some((i) => i.id === value.rejecting) ? value.rejecting : undefined;
      // The upload to return was decided meanwhile: say so rather than open a form for nothing.
      const said = value.rejecting !== undefined && rejecting === undefined ? toast('info', t.goneFromList) : {};
      return { ...said, card: { type: 'raw', data: buildEvidenceReviewCard(queue, { timezone, ...(rejecting !== undefined ? { rejecting } : {}) }) } };
    } catch (error) {
      if (!isDomainError(error) || error.code === 'not_a_reviewer') throw error;
      return toast('error', t.pageGone);
    }
  },
});
