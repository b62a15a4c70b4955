import { z } from 'zod';
import { readBulletin } from '../../domain/scoring/read-bulletin.js';
import { isDomainError } from '../../errors.js';
import { bulletinTexts } from '../../texts/bulletin-texts.js';
import { commonTexts } from '../../texts/common-texts.js';
import { buildBulletinCard } from '../cards/bulletin-card.js';
import { defineCardAction, toast } from './card-action.js';

/** 上一页/下一页 on a bulletin: read again (a correction may have moved a score) and replaced in place. Bureau and admin only. */
export const bulletinPageAction = defineCardAction({
  name: 'bulletin_page',
  schema: z.object({ period: z.string().min(1).max(20), page: z.number().int().min(0).max(100_000) }),
  async run({ db, person, value, timezone }) {
    if (person.role !== 'bureau' && person.role !== 'admin') return toast('error', commonTexts.notAllowed('通报', '教体局和管理员'));
    try {
      return { card: { type: 'raw', data: buildBulletinCard(await readBulletin(db, { label: value.period, timezone }), { page: value.page }) } };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return toast('error', bulletinTexts.pageGone);
    }
  },
});
