import { and, count, eq, lte, or } from 'drizzle-orm';
import { outbox, people, responses } from '../../src/db/schema/index.js';
import { SettableClock } from '../../src/clock.js';
import { loadConfig, type SendLimits } from '../../src/config.js';
import { createSendBudget } from '../../src/lark/outbox/create-outbox-sender.js';
import { tick } from '../../src/jobs/tick.js';
import { importRoster } from '../../src/domain/roster/import-roster.js';
import { buildDemoCounty } from '../../src/domain/roster/demo-county.js';
import type { RosterRow } from '../../src/domain/roster/roster-row.js';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { createLogger, silentLogger, type Logger } from '../../src/log.js';
import { startNodeServer, type RunningDucha } from '../../src/entry/start-node-server.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { studentLeaksIn, supervisionLeaksIn } from './privacy-watch.js';
import { sleep } from './until.js';

export type TestDucha = Awaited<ReturnType<typeof startTestDucha>>;

/**
 * The real server on an ephemeral port, in sandbox mode, over a fresh database, with a frozen
 * clock the test moves. Everything goes through real HTTP and the real SDK client.
 */
export async function startTestDucha(
  options: {
    now?: string;
    roster?: RosterRow[] | 'demo';
    log?: Logger;
    sendLimits?: SendLimits;
    env?: Record<string, string>;
    /** The database to use (an instance beside another on the same one); a fresh one by default. */
    database?: TestDatabase;
    /** LARK_MODE=ws: a shorter lease and ping timeout. */
    longConnection?: { leaseMs?: number; pingTimeoutSec?: number };
  } = {},
) {
  const database: TestDatabase = options.database ?? (await createTestDatabase());
  const clock = new SettableClock(new Date(options.now ?? '2026-12-01T09:00:00+08:00'), { frozen: true });
  const config = loadConfig({ PORT: '0', DUCHA_CRON: 'off', ...options.env });
  const log = options.log ?? (process.env.DUCHA_TEST_LOGS ? createLogger({ level: 'debug' }) : silentLogger);
  const ducha: RunningDucha = await startNodeServer({
    config,
    database,
    log,
    clock,
    pumpIntervalMs: 50,
    ...(options.longConnection ? { longConnection: options.longConnection } : {}),
    ...(options.sendLimits ? { sendBudget: createSendBudget(options.sendLimits) } : {}),
  });
  const sandbox = ducha.sandbox!;
  if (options.roster) {
    await importRoster(database.db, clock.now(), options.roster === 'demo' ? buildDemoCounty() : options.roster);
  }

  const post = async (path: string, body: unknown) => {
    const response = await fetch(ducha.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  /**
   * Waits until every deferred handler has run and the outbox holds nothing due or in flight,
   * sending alongside the server's own pump (whose rows this drain leaves to it).
   */
  const settle = async (withinMs = 30_000) => {
    const deadline = Date.now() + withinMs;
    while (Date.now() < deadline) {
      await ducha.deps.background.idle();
      await ducha.deps.outbox.drain();
      const [row] = await database.db
        .select({ n: count() })
        .from(outbox)
        .where(
          or(
            eq(outbox.status, 'sending'),
            and(eq(outbox.status, 'pending'), lte(outbox.notBefore, clock.now())),
          ),
        );
      if (row!.n === 0) return;
      await sleep(10);
    }
    throw new Error('outbox did not settle');
  };

  return {
    url: ducha.url,
    deps: ducha.deps,
    db: database.db,
    database,
    clock,
    sandbox,
    post,
    settle,
    setTime(iso: string) {
      clock.set(new Date(iso));
    },
    async tick(iso?: string) {
      if (iso) clock.set(new Date(iso));
      const report = await tick(ducha.deps);
      await settle();
      return report;
    },
    /** A person writes to the bot (in a group chat when chat_id is given); returns the bot's replies. */
    async say(
      openId: string,
      text: string,
      chatId?: string,
      /** `mentions`: people the message @-mentions; `at_bot: false`: a group message that does not @ the bot. */
      extra: { parent_id?: string; mentions?: { open_id: string; name: string }[]; at_bot?: boolean } = {},
    ) {
      const said = await post('/sandbox/say', { open_id: openId, text, wait_ms: 0, ...(chatId ? { chat_id: chatId } : {}), ...extra });
      await settle();
      const replies = sandbox.botMessages().filter((m) => m.parent_id === said.body.message_id);
      return { ...said.body, replies, reply: replies[0] as SandboxMessage | undefined };
    },
    /** A person clicks a card the sandbox holds; `forge_message_id` makes the event name another message id. */
    async click(openId: string, messageId: string, action: { value?: unknown; form_value?: Record<string, unknown>; forge_message_id?: string }) {
      const before = sandbox.messages.length;
      const clicked = await post('/sandbox/click', { open_id: openId, message_id: messageId, wait_ms: 0, ...action });
      await settle();
      return { ...clicked.body, sent: sandbox.messages.slice(before).filter((m) => m.sender.type === 'bot') };
    },
    botMessages: () => sandbox.botMessages(),
    /** What is stored of a person's answers (one row per round they answered): answers and revision count. */
    responsesOf: (openId: string) =>
      database.db
        .select({ answers: responses.answers, revisions: responses.revisions })
        .from(responses)
        .innerJoin(people, eq(people.id, responses.personId))
        .where(eq(people.openId, openId)),
    /**
     * Closes the server; fails the test file if any group chat got a student's full name or
     * number (children's privacy is checked over every end-to-end test, whatever it tested).
     */
    async close() {
      const leaks = await studentLeaksIn(database.db, sandbox.messages);
      const supervision = await supervisionLeaksIn(database.db, sandbox.messages);
      await ducha.close();
      if (leaks.length > 0) throw new Error(`a group chat got a student's full name or number: ${JSON.stringify(leaks.slice(0, 5))}`);
      if (supervision.length > 0) throw new Error(`a school chat got the bureau's supervision: ${JSON.stringify(supervision.slice(0, 5))}`);
    },
  };
}
