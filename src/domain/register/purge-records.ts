import type { Db } from '../../db/database.js';
import { countPurgeable, purgeBefore, type PurgeCounts } from '../../db/queries/purge.js';
import { purgeTexts as t } from '../../texts/audit-texts.js';
import { localDate } from '../time/zoned-time.js';
import { audit } from './audit.js';
import { startOfLocalDay } from './audit-report.js';

export type PurgeOutcome = { ok: true; counts: PurgeCounts; dryRun: boolean } | { ok: false; problem: 'bad_date' | 'future_date'; today: string };

/**
 * Retention (个人信息保护法): empties the sensitive text recorded before `before` (a local day) and
 * anonymises students who left before it, keeping every row so past summaries still add up. One
 * transaction with its audit row; a dry run only counts and writes nothing, not even the audit.
 */
export async function purgeRecords(db: Db, now: Date, o: { before: string; timeZone: string; dryRun: boolean }): Promise<PurgeOutcome> {
  const today = localDate(now, o.timeZone);
  const instant = startOfLocalDay(o.before, o.timeZone);
  if (!instant) return { ok: false, problem: 'bad_date', today };
  // Today is the latest line: a later one would purge what is still being written.
  if (o.before > today) return { ok: false, problem: 'future_date', today };
  const cutoff = { date: o.before, instant };
  if (o.dryRun) return { ok: true, counts: await countPurgeable(db, cutoff), dryRun: true };
  return db.transaction(async (tx) => {
    const counts = await purgeBefore(tx, cutoff, now);
    await audit(tx, now, 'cli', { channel: 'cli' }, [{ action: 'purge', studentId: null, detail: t.auditDetail(o.before, counts) }]);
    return { ok: true, counts, dryRun: false };
  });
}
