import { listCampaigns, MONTHLY_CAMPAIGN_CODE, requireCampaign, type Campaign } from '../../db/queries/campaigns.js';
import { findCurrentRound, findRoundByPeriod, type Round } from '../../db/queries/rounds.js';
import { findPlaces } from '../../db/queries/summary.js';
import type { Db } from '../../db/database.js';
import { DomainError } from '../../errors.js';
import { summaryTexts } from '../../texts/summary-texts.js';
import { normalizeText } from '../text/normalize-text.js';
import { zonedInstant } from '../time/zoned-time.js';
import { roundsForLabel, type PeriodSelection } from './summary-periods.js';

/** What `汇总 …` was given, as parseSummaryArgs splits it. */
export type SummaryWords = { period?: string; campaign?: string; town?: string; school?: string; place?: string };

/** The campaigns whose code or title is `word` (exact), else those whose title contains it. */
async function campaignsNamed(db: Db, word: string): Promise<{ found: Campaign[]; exact: boolean }> {
  const all = await listCampaigns(db);
  const key = normalizeText(word).toLowerCase();
  const title = (c: Campaign) => normalizeText(c.title).toLowerCase();
  const exact = all.filter((c) => c.code.toLowerCase() === key || title(c) === key);
  return exact.length > 0 ? { found: exact, exact: true } : { found: all.filter((c) => title(c).includes(key)), exact: false };
}

const ambiguousCampaign = (word: string, found: Campaign[]) =>
  new DomainError('ambiguous_campaign', summaryTexts.ambiguousCampaign(word, found.map((c) => c.title)));

/**
 * Which campaign `汇总` is about, and the place words left once it is taken out. The first word
 * names a campaign when it is a campaign's code or title, or a part of titles that is not also a
 * town's or school's exact name (`汇总 月有安排`, `汇总 学期`); otherwise it is a place and the
 * campaign is the teachers' monthly check-in, as before campaigns could be named.
 */
export async function resolveSummaryCampaign(db: Db, words: SummaryWords): Promise<{ campaign: Campaign; rest: SummaryWords }> {
  const { period } = words;
  const keep = period ? { period } : {};
  if (words.campaign !== undefined) {
    const { found, exact } = await campaignsNamed(db, words.campaign);
    if (found.length === 0) throw new DomainError('unknown_campaign', summaryTexts.unknownCampaign(words.campaign, (await listCampaigns(db)).map((c) => c.title)));
    if (found.length > 1 && !exact) throw ambiguousCampaign(words.campaign, found);
    return { campaign: found[0]!, rest: { ...keep, town: words.town!, school: words.school! } };
  }
  const first = words.town ?? words.place;
  if (first !== undefined) {
    const { found, exact } = await campaignsNamed(db, first);
    // A part of a title that is also a place's exact name is the place.
    const named = found.length > 0 && (exact || (await findPlaces(db, first)).length === 0);
    if (named) {
      if (found.length > 1 && !exact) throw ambiguousCampaign(first, found);
      const rest = words.school !== undefined ? { ...keep, place: words.school } : keep;
      return { campaign: found[0]!, rest };
    }
  }
  return { campaign: await requireCampaign(db, MONTHLY_CAMPAIGN_CODE), rest: words };
}

/**
 * The campaign's round for the period asked (its own label, such as 2026-H2 or a term's name, or
 * a month, which means the round of the campaign's period that month falls in), else its current one.
 */
export async function findSummaryRound(
  db: Db,
  o: { campaign: Campaign; period: string | undefined; now: Date; timezone: string },
): Promise<Round | undefined> {
  const { campaign, period } = o;
  if (period === undefined) return findCurrentRound(db, campaign.id, o.now);
  const own = await findRoundByPeriod(db, campaign.id, period);
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (own || !month) return own;
  const year = Number(month[1]);
  const m = Number(month[2]);
  switch (campaign.definition.cadence) {
    case 'annual':
      return findRoundByPeriod(db, campaign.id, String(year));
    case 'half-year':
      return findRoundByPeriod(db, campaign.id, `${year}-H${m <= 6 ? 1 : 2}`);
    case 'quarterly':
      return findRoundByPeriod(db, campaign.id, `${year}-Q${Math.ceil(m / 3)}`);
    case 'semester':
    case 'once': {
      // The round that had opened by the end of that month.
      const endOfMonth = zonedInstant(o.timezone, { year: m === 12 ? year + 1 : year, month: m === 12 ? 1 : m + 1, day: 1, hour: 0, minute: 0 });
      return findCurrentRound(db, campaign.id, new Date(endOfMonth.getTime() - 1));
    }
    default:
      return undefined;
  }
}

/**
 * The campaign, the words left for the place, and the rounds of the period asked: a round's own
 * period, a month of a longer round, a quarter or a year of a monthly campaign (its months), or
 * (no period) the current round.
 */
export async function selectPeriod(
  db: Db,
  input: SummaryWords & { now: Date; timezone: string; campaignCode?: string },
): Promise<{ campaign: Campaign; words: SummaryWords; selection: PeriodSelection | undefined }> {
  const named = input.campaignCode ? { campaign: await requireCampaign(db, input.campaignCode), rest: input } : await resolveSummaryCampaign(db, input);
  const { campaign } = named;
  const words = await periodInPlaceWords(db, campaign, named.rest);
  const round = await findSummaryRound(db, { campaign, period: words.period, now: input.now, timezone: input.timezone });
  if (round) return { campaign, words, selection: { label: round.period, rounds: [round] } };
  const rounds = words.period === undefined ? [] : await roundsForLabel(db, campaign, words.period);
  return { campaign, words, selection: rounds.length > 0 ? { label: words.period!, rounds } : undefined };
}

/** A period named in place words: a term's name (or a one-off's period) may hold spaces or anything else. */
export async function periodInPlaceWords(db: Db, campaign: Campaign, words: SummaryWords): Promise<SummaryWords> {
  const cadence = campaign.definition.cadence;
  if (words.period !== undefined || (cadence !== 'semester' && cadence !== 'once')) return words;
  const text = words.town !== undefined ? `${words.town} ${words.school}` : words.place;
  if (text === undefined || !(await findRoundByPeriod(db, campaign.id, text))) return words;
  return { period: text };
}
