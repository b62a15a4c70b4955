import { and, eq, gte, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { dropoutCaseEvents, dropoutCases } from '../schema/index.js';
import type { ScoringSpan } from './scoring-data.js';

/** The dropout register's movement over a span, county- (or province-) wide: counts only, it goes to a group chat. */
export type DropoutMovement = {
  openAtStart: number;
  /** Cases opened or reopened in the span. */
  opened: number;
  /** Cases closed in the span, by how: 复学, 转学, 豁免. */
  returned: number;
  transferred: number;
  exempted: number;
  openAtEnd: number;
};

const openAt = (at: Date) => and(lt(dropoutCases.openedAt, at), or(isNull(dropoutCases.closedAt), gte(dropoutCases.closedAt, at)));
const count = (condition: ReturnType<typeof sql>) => sql<number>`count(*) filter (where ${condition})`.mapWith(Number);

/** Two grouped reads: cases open at either end, and the span's register events. */
export async function readDropoutMovement(db: Db, span: ScoringSpan): Promise<DropoutMovement> {
  const [[ends], [events]] = await Promise.all([
    db
      .select({ openAtStart: count(sql`${openAt(span.start)}`), openAtEnd: count(sql`${openAt(span.end)}`) })
      .from(dropoutCases),
    db
      .select({
        opened: count(sql`${dropoutCaseEvents.kind} in ('opened', 'reopened')`),
        returned: count(sql`${dropoutCaseEvents.kind} = 'state' and ${dropoutCaseEvents.toState} = 'returned'`),
        transferred: count(sql`${dropoutCaseEvents.kind} = 'state' and ${dropoutCaseEvents.toState} = 'transferred'`),
        exempted: count(sql`${dropoutCaseEvents.kind} = 'state' and ${dropoutCaseEvents.toState} = 'exempted'`),
      })
      .from(dropoutCaseEvents)
      .innerJoin(dropoutCases, eq(dropoutCases.id, dropoutCaseEvents.caseId))
      .where(and(gte(dropoutCaseEvents.at, span.start), lt(dropoutCaseEvents.at, span.end))),
  ]);
  return { openAtStart: ends!.openAtStart, openAtEnd: ends!.openAtEnd, ...events! };
}
