import type { Term } from '../calendar/types.js';
import type { LocalDate } from '../calendar/local-date.js';

/** The term the check counts in: local dates, `until` excluded. */
export type AidTerm = { name: string; from: LocalDate; until: LocalDate };

/** The last term not ahead of `today`; the last one runs on until a next is added to the calendar. */
const OPEN_END = '9999-12-31';

/**
 * The school term `today` falls in, from its first day to the next term's (a vacation counts with the
 * term before it, so a check made in 寒假 counts for the autumn term); undefined before the first term.
 */
export function termOf(terms: readonly Term[], today: LocalDate): AidTerm | undefined {
  const sorted = [...terms].sort((a, b) => a.start.localeCompare(b.start));
  const index = sorted.findLastIndex((t) => t.start <= today);
  if (index < 0) return undefined;
  const term = sorted[index]!;
  return { name: term.name, from: term.start, until: sorted[index + 1]?.start ?? OPEN_END };
}
