import { parseArgs } from 'node:util';
import { importRoster } from '../../domain/roster/import-roster.js';
import type { ContactLookupFailure } from '../../domain/roster/roster-contacts.js';
import { isDomainError } from '../../errors.js';
import { systemClock } from '../../clock.js';
import { rosterImportTexts as t } from '../../texts/roster-import-texts.js';
import type { CliCommand, CliContext } from '../cli-command.js';
import { readRosterFile } from '../read-roster-file.js';

export const importRosterCommand: CliCommand = {
  name: 'import-roster',
  usage: t.usage,
  summary: t.summary,
  async run(args, ctx) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { prune: { type: 'boolean' } } });
    const file = positionals[0];
    if (!file) {
      ctx.err(t.usageLine(this.usage));
      return 2;
    }
    // In sandbox mode the sandbox (and its contact directory) lives in the running server, on the configured port.
    const sandboxUrl = `http://127.0.0.1:${ctx.config.port}`;
    const read = await readRosterFile(file, {
      async contacts() {
        // Loaded only when a row needs it: the Lark SDK takes half a second to import.
        const { buildContactLookup } = await import('../../entry/build-deps.js');
        return buildContactLookup({ config: ctx.config, log: ctx.log, sandboxUrl });
      },
    });
    if (read.ok === 'lookup-failed') {
      ctx.err(t.refused(file, lookupFailure(ctx, read.resolution.failure, read.resolution.rows, sandboxUrl)));
      return 1;
    }
    if (!read.ok) {
      ctx.err(t.refused(file, read.message));
      return 1;
    }
    const parsed = read.roster;
    if (!parsed.ok) {
      ctx.err(t.nothingImported(file, parsed.problems.length));
      for (const p of parsed.problems) ctx.err(t.problemLine(p.line, p.reason));
      if (read.unresolved) ctx.err(t.notFoundHint(read.unresolved) + (ctx.config.lark ? '' : t.sandboxDirectoryHint));
      return 1;
    }
    const database = await ctx.database();
    try {
      const r = await importRoster(database.db, systemClock.now(), parsed.rows, { prune: values.prune ?? false });
      ctx.out(t.imported({ rows: parsed.rows.length, ...r }));
      return 0;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      ctx.err(t.refused(file, error.userMessage));
      return 1;
    }
  },
};

/** Why nobody could be looked up; without a Lark app, an unreachable directory means no sandbox is running. */
function lookupFailure(ctx: CliContext, failure: ContactLookupFailure, rows: number, sandboxUrl: string): string {
  if (failure.kind === 'no_permission') return t.noContactPermission(failure.detail);
  if (failure.kind === 'unreachable') return ctx.config.lark ? t.larkUnreachable(failure.detail) : t.noSandbox(rows, sandboxUrl);
  return t.lookupFailed(failure.detail);
}
