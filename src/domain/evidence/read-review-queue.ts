import type { Db } from '../../db/database.js';
import { countPendingEvidence, listPendingEvidence, type EvidenceUnderReview } from '../../db/queries/evidence-review.js';
import type { Person } from '../../db/queries/people.js';
import { resolvePlace, scopeOf, type SummaryPlace } from '../summary/resolve-place.js';
import { assertMayReviewEvidence } from './review-evidence.js';

/** Uploads per page of the review card: each is a line and a row of buttons, so a page stays small. */
export const REVIEWS_PER_PAGE = 8;

/** Words that name a place as resolvePlace reads them: `{ place }` as typed, or exact town and school. */
export type PlaceQuery = { place?: string; town?: string; school?: string };

export type ReviewQueue = {
  /** The place as it resolved (a school, a town, an education group), or undefined for the whole county. */
  place: string | undefined;
  /** The same place named exactly, for a card to ask for it again (a school's name may recur in another town). */
  query: PlaceQuery;
  total: number;
  page: number;
  pages: number;
  /** Where this page starts in the whole list (0-based). */
  offset: number;
  items: EvidenceUnderReview[];
};

const placeName = (place: SummaryPlace): string => (place.kind === 'school' ? place.school : place.kind === 'town' ? place.town : place.group);

function exactQuery(place: SummaryPlace | undefined): PlaceQuery {
  if (!place) return {};
  if (place.kind === 'school') return { town: place.town, school: place.school };
  return place.kind === 'town' ? { town: place.town } : { place: place.group };
}

/**
 * 审核's list: filed evidence still pending, oldest first, for the county or a place named as
 * 汇总 names it, one page at a time (a page past the end shows the last, as the list shrinks with each decision).
 */
export async function readReviewQueue(db: Db, o: { reviewer: Person; where?: PlaceQuery; page?: number }): Promise<ReviewQueue> {
  assertMayReviewEvidence(o.reviewer);
  const place = o.where ? await resolvePlace(db, o.where) : undefined;
  const scope = scopeOf(place);
  const total = await countPendingEvidence(db, scope);
  const pages = Math.max(1, Math.ceil(total / REVIEWS_PER_PAGE));
  const page = Math.min(Math.max(1, Math.floor(o.page ?? 1)), pages);
  const offset = (page - 1) * REVIEWS_PER_PAGE;
  const items = await listPendingEvidence(db, { scope, limit: REVIEWS_PER_PAGE, offset });
  return { place: place ? placeName(place) : undefined, query: exactQuery(place), total, page, pages, offset, items };
}
