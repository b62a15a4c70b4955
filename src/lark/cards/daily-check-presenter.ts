import type { DailyCheckPresenter } from '../../domain/mentoring/daily-check-presenter.js';
import { buildDailyCheckCard } from './daily-check-card.js';
import { buildDailyCheckConcernCard } from './daily-check-concern-card.js';

/** 每天一问 as Lark shows it: cards JSON 2.0, every name escaped. */
export const dailyCheckPresenter: DailyCheckPresenter = {
  dailyCheckCard: buildDailyCheckCard,
  concernNoticeCard: buildDailyCheckConcernCard,
};
