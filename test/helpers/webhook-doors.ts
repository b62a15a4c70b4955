import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect } from 'vitest';
import { outbox, receivedEvents } from '../../src/db/schema/index.js';
import { capturingLogger, cardEvent, codesOf, messageEvent, post, sealed, urlVerification, type Envelope } from './lark-traffic.js';
import { startTestDucha, type TestDucha } from './test-ducha.js';

/**
 * What the webhook-pipeline-*.test.ts files share: a sandbox Ducha on the demo roster for the file
 * (started once, in beforeAll: it is only the door), with which each test makes its own message,
 * card click or challenge and sends it by raw HTTP to /lark/events or /lark/card, then checks
 * what was answered, what (not) stored, and the code of what was logged.
 */

export const MIB = 1024 * 1024;
export const TEACHER = 'ou_demo_t0101';

export type Door = '/lark/events' | '/lark/card';

/** Registers the file's server (beforeAll/afterAll) and returns what the tests use on it. */
export function webhookDoors(options: { env?: Record<string, string> } = {}) {
  const logs = capturingLogger();
  let running: TestDucha | undefined;
  beforeAll(async () => {
    running = await startTestDucha({ roster: 'demo', log: logs.log, env: options.env });
  });
  afterAll(() => running?.close());

  const ducha = (): TestDucha => {
    if (!running) throw new Error('the test Ducha is not started (used outside a test?)');
    return running;
  };
  const encryptKey = () => ducha().sandbox.settings.encryptKey!;
  const verificationToken = () => ducha().sandbox.settings.verificationToken;
  /** The app's (frozen) clock, shifted by offsetMs. */
  const now = (offsetMs = 0) => new Date(ducha().clock.now().getTime() + offsetMs);

  // -------------------------------------------------------------------------------------------
  // Sending

  /** POSTs the bytes; an oversize upload gets its own connection (see "keeps the connection usable after a 413"). */
  const send = (path: string, body: string | Uint8Array[], headers: Record<string, string> = {}) =>
    post(ducha().url + path, body, headers, Array.isArray(body) || Buffer.byteLength(body) > MIB ? { agent: false } : {});

  /** Encrypts and signs an envelope exactly as Lark does; returns what was sent so it can be re-sent. */
  async function deliver(path: Door, envelope: unknown) {
    return deliverText(path, JSON.stringify(envelope));
  }

  /** deliver, for a plaintext written by the test (JSON that JSON.stringify cannot write, e.g. nested 10,000 deep). */
  async function deliverText(path: Door, plaintext: string) {
    const { raw, headers } = sealed(plaintext, encryptKey(), now());
    const response = await send(path, raw, headers);
    return { ...response, raw, headers };
  }

  /** A person's text message in their p2p chat: put in the sandbox (so the bot can reply to it) and wrapped as Lark would. */
  const personSays = (text: string, openId = TEACHER) => messageEvent(ducha().sandbox, { openId, text });

  /** A card button click as Lark sends it (for a card that does not exist: only the pipeline matters). */
  const cardClick = (openId = TEACHER): Envelope =>
    cardEvent(ducha().sandbox, { openId, messageId: `om_${randomBytes(16).toString('hex')}`, chatId: 'oc_demo_school_01', value: { action: 'noop' } });

  /** The URL check, encrypted with the app's key (Lark sends it unsigned). */
  const challengeBody = (challenge: string, token = verificationToken()) => urlVerification(challenge, token, encryptKey());

  // -------------------------------------------------------------------------------------------
  // Observing what happened

  const repliesTo = (messageId: string) => ducha().botMessages().filter((m) => m.parent_id === messageId);
  const storedEvents = () => ducha().db.select().from(receivedEvents);
  const storedEvent = (eventId: string) => ducha().db.select().from(receivedEvents).where(eq(receivedEvents.eventId, eventId));

  async function snapshot() {
    await ducha().settle();
    const [queued] = await ducha().db.select({ n: count() }).from(outbox);
    return {
      receivedEvents: (await storedEvents()).length,
      outboxRows: queued!.n,
      botMessages: ducha().botMessages().length,
      sandboxMessages: ducha().sandbox.messages.length,
    };
  }

  /** A place in the server's log: what it logs afterwards is read with codesSince. */
  const logMark = () => logs.lines.length;
  /** The codes of the lines logged since `mark` (a refusal logs exactly one). */
  const codesSince = (mark: number) => codesOf(logs.lines.slice(mark));
  /** Every line the server has logged (a mark is an index into it). */
  const logLines = () => logs.lines;

  /** A rejection answers with a short JSON error that names the problem and leaks no secret. */
  function expectShortError(body: unknown, pattern: RegExp) {
    expect(body).toEqual({ error: expect.stringMatching(pattern) });
    const error = (body as { error: string }).error;
    expect(error.length).toBeLessThanOrEqual(80);
    expect(error).not.toContain(encryptKey());
    expect(error).not.toContain(verificationToken());
  }

  async function expectHealthy() {
    const response = await fetch(ducha().url + '/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  }

  return {
    ducha,
    encryptKey,
    verificationToken,
    now,
    send,
    deliver,
    deliverText,
    personSays,
    cardClick,
    challengeBody,
    repliesTo,
    storedEvents,
    storedEvent,
    snapshot,
    logMark,
    codesSince,
    logLines,
    expectShortError,
    expectHealthy,
  };
}

export type WebhookDoors = ReturnType<typeof webhookDoors>;
