import { parseArgs } from 'node:util';
import { systemClock } from '../../clock.js';
import { parseStudentRef, readAuditTrail, startOfLocalDay, type AuditQuery, type AuditTrailRow } from '../../domain/register/audit-report.js';
import { formatIsoWithOffset, formatLocal } from '../../domain/time/zoned-time.js';
import { auditTexts as t } from '../../texts/audit-texts.js';
import { commonTexts } from '../../texts/common-texts.js';
import type { CliCommand } from '../cli-command.js';

export const auditCommand: CliCommand = {
  name: 'audit',
  usage: t.usage,
  summary: t.summary,
  help: t.help,
  async run(args, ctx) {
    const { values } = parseArgs({ args, options: { student: { type: 'string' }, person: { type: 'string' }, since: { type: 'string' }, json: { type: 'boolean' } } });
    const tz = ctx.config.timezone;
    if ((values.student === undefined) === (values.person === undefined)) return usageError(ctx, t.needsOneOf);
    if (values.since !== undefined && !startOfLocalDay(values.since, tz)) return usageError(ctx, t.badSince(values.since));
    let query: AuditQuery;
    if (values.student !== undefined) {
      const ref = parseStudentRef(values.student);
      if (!ref) return usageError(ctx, t.badStudentRef(values.student));
      query = { student: ref };
    } else query = { personOpenId: values.person! };

    const database = await ctx.database();
    const trail = await readAuditTrail(database.db, systemClock.now(), { query, since: values.since ?? null, timeZone: tz });
    if (!trail.ok) {
      ctx.err(trail.problem);
      return 1;
    }
    if (values.json) {
      for (const row of trail.rows) ctx.out(JSON.stringify({ ...row, at: formatIsoWithOffset(row.at, tz) }));
      return 0;
    }
    for (const row of trail.rows) ctx.out(describe(row, tz));
    if (trail.rows.length === 0) ctx.err(t.nothingFound);
    return 0;
  },
};

function usageError(ctx: { err(text: string): void }, problem: string): number {
  ctx.err(`${problem}\n${t.usageLine(t.usage)}`);
  return 2;
}

/** One line per row, tab-free so it reads in a terminal: time, who, role, what, student, where, detail. */
function describe(row: AuditTrailRow, tz: string): string {
  const who = row.personOpenId === null ? t.cliActor : `${row.personName}（${row.personOpenId}）`;
  const role = row.personOpenId === null ? t.cliActor : (commonTexts.roleNames[row.role] ?? row.role);
  const student = row.studentId === null ? t.noStudent : `${row.schoolName}/${row.studentNo} ${row.studentName}`;
  const channel = `${t.channels[row.channel] ?? row.channel}${row.chatId ? ` ${row.chatId}` : ''}`;
  return [formatLocal(row.at, tz), who, role, t.actions[row.action] ?? row.action, student, channel, row.detail ?? ''].join('  ').trimEnd();
}
