import postgres from 'postgres';
import { createApp } from '../../src/app.js';
import { SettableClock } from '../../src/clock.js';
import type { Config } from '../../src/config.js';
import { openPostgres } from '../../src/db/open-postgres.js';
import { silentLogger } from '../../src/log.js';
import { buildDeps } from '../../src/entry/build-deps.js';
import { CHECK_IN_TEXT, teacherMessage } from './lark-events.js';

export type Statement = { query: string; params: unknown[] };
export type EventSql = { statements: Statement[]; template: { openId: string; personId: string; eventId: string; messageId: string } };

/**
 * Records every statement Ducha sends to Postgres for one check-in event (acknowledgement and
 * handling, not the receipt's sending), by running one through the real app in this process.
 */
export async function recordEventSql(databaseUrl: string, config: Config, openId: string, personId: number, at: Date): Promise<EventSql> {
  const statements: Statement[] = [];
  let recording = false;
  const database = openPostgres(databaseUrl, {
    max: 2,
    debug: (_connection, query, params) => {
      if (recording) statements.push({ query, params: [...params] });
    },
  });
  try {
    const deps = buildDeps({ db: database.db, config, log: silentLogger, clock: new SettableClock(at, { frozen: true }), lark: config.lark!, outbox: { kind: 'manual' } });
    const app = createApp(deps);
    const message = teacherMessage(openId, CHECK_IN_TEXT, at);
    recording = true;
    const response = await app.request(message.request.path, { method: 'POST', headers: message.request.headers, body: message.request.body ?? null });
    await deps.background.idle();
    recording = false;
    if (response.status !== 200) throw new Error(`recording event answered ${response.status}`);
    return { statements, template: { openId, personId: String(personId), eventId: message.eventId, messageId: message.messageId } };
  } finally {
    await database.close();
  }
}

/** The same statements for another teacher and event: their ids in place of the template's. */
export function statementsFor(sql: EventSql, next: { openId: string; personId: number; eventId: string; messageId: string }): Statement[] {
  const { template } = sql;
  const swap = (value: unknown): unknown => {
    if (typeof value !== 'string') return value;
    if (value === template.personId) return String(next.personId);
    return value
      .replaceAll(template.eventId, next.eventId)
      .replaceAll(template.messageId, next.messageId)
      .replaceAll(template.openId, next.openId);
  };
  return sql.statements.map((s) => ({ query: s.query, params: s.params.map(swap) }));
}

/** Runs one event's statements as the app does: begin … commit on one connection, the rest on any. */
export async function replayEvent(client: postgres.Sql, statements: Statement[]): Promise<void> {
  let i = 0;
  while (i < statements.length) {
    const s = statements[i]!;
    if (s.query.trim().toLowerCase() === 'begin') {
      const end = statements.findIndex((t, k) => k > i && t.query.trim().toLowerCase() === 'commit');
      const inside = statements.slice(i + 1, end);
      await client.begin(async (tx) => {
        for (const t of inside) await tx.unsafe(t.query, t.params as never[]);
      });
      i = end + 1;
    } else {
      await client.unsafe(s.query, s.params as never[]);
      i++;
    }
  }
}
