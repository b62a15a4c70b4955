import fc from 'fast-check';
import { expect } from 'vitest';
import { campaigns, receivedEvents, responses, rounds } from '../../src/db/schema/index.js';
import type { CampaignDefinition } from '../../src/model/campaign-definition.js';
import { eq } from 'drizzle-orm';
import type { TestDucha } from '../helpers/test-ducha.js';
import { MAX_JSON_DEPTH } from '../../src/lark/json-depth.js';
import { cardEvent, messageEvent, NESTED_HERE, post, sealed, signedHeaders, withNestedJson, withOwnKey, type Answer, type Envelope, type LogLine } from '../helpers/lark-traffic.js';
import { checkInText, deepNesting, hugeString, oddString, prototypeValue, wrongValue } from './arbitraries.js';

/**
 * Fuzzing the two webhook doors with fast-check, through real HTTP into the running server:
 * random JSON, damaged ciphertext, wrong types in every field of a correctly encrypted and signed
 * envelope, odd and huge Unicode, random check-in texts. Whatever arrives: never a 5xx, never an
 * uncaught error, never a partial row.
 */

export type FuzzContext = {
  ducha: TestDucha;
  /** Error-level lines the server logged since the start of the run. */
  errors: () => LogLine[];
  /** Teachers who may answer December's check-in, each with their school chat. */
  teachers: { openId: string; chatId: string }[];
  card: { messageId: string; chatId: string; value: unknown };
  seed: number;
};

export type FuzzCounts = { inputs: number; byKind: Record<string, number>; statuses: Record<number, number> };

export function newFuzzCounts(): FuzzCounts {
  return { inputs: 0, byKind: {}, statuses: {} };
}

export function formatFuzz(label: string, c: FuzzCounts): string {
  const kinds = Object.entries(c.byKind).map(([k, n]) => `${n} ${k}`).join(', ');
  const statuses = Object.entries(c.statuses).map(([s, n]) => `${s}×${n}`).join(' ');
  return `${label}: ${c.inputs} inputs fuzzed (${kinds}); answers ${statuses}; 0 5xx, 0 uncaught errors, 0 partial rows, 0 failures`;
}

const doors = fc.constantFrom('/lark/events' as const, '/lark/card' as const);

function count(counts: FuzzCounts, kind: string, answer: Answer) {
  counts.inputs++;
  counts.byKind[kind] = (counts.byKind[kind] ?? 0) + 1;
  counts.statuses[answer.status] = (counts.statuses[answer.status] ?? 0) + 1;
}

/** Never a 5xx, always a JSON object answer; a refusal carries a short error that leaks no secret. */
function expectHandled(ctx: FuzzContext, answer: Answer, what: string) {
  expect(answer.status, what).toBeLessThan(500);
  expect(typeof answer.body === 'object' && answer.body !== null, `${what}: answer is not JSON: ${String(answer.body).slice(0, 80)}`).toBe(true);
  if (answer.status >= 400) {
    expect(typeof answer.body.error).toBe('string');
    const text = JSON.stringify(answer.body);
    expect(text).not.toContain(ctx.ducha.sandbox.settings.encryptKey!);
    expect(text).not.toContain(ctx.ducha.sandbox.settings.verificationToken);
  }
}

const now = (ctx: FuzzContext) => ctx.ducha.clock.now();
const key = (ctx: FuzzContext) => ctx.ducha.sandbox.settings.encryptKey!;

/** Random bytes as a body, signed correctly, unsigned, or with random signature headers. */
export async function fuzzRandomBodies(ctx: FuzzContext, counts: FuzzCounts, numRuns: number) {
  const body = fc.oneof(
    fc.json(),
    fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
    fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })).map((o) => JSON.stringify(o)),
    fc.string({ unit: 'binary' }),
    fc.record({ encrypt: fc.oneof(fc.base64String(), oddString, wrongValue) }).map((o) => JSON.stringify(o)),
    fc.record({ type: fc.constant('url_verification'), challenge: wrongValue, token: wrongValue }).map((o) => JSON.stringify(o)),
    fc.record({ schema: fc.constant('2.0'), header: wrongValue, event: wrongValue }).map((o) => JSON.stringify(o)),
  );
  const headerMode = fc.oneof(
    fc.constant('signed' as const),
    fc.constant('unsigned' as const),
    fc.record({ 'x-lark-request-timestamp': oddString, 'x-lark-request-nonce': oddString, 'x-lark-signature': oddString }),
  );
  await fc.assert(
    fc.asyncProperty(doors, body, headerMode, async (door, raw, mode) => {
      const headers =
        mode === 'signed' ? signedHeaders(raw, key(ctx), now(ctx)) : mode === 'unsigned' ? {} : toHeaderSafe(mode);
      const answer = await post(ctx.ducha.url + door, raw, headers);
      count(counts, 'random bodies', answer);
      expectHandled(ctx, answer, `${door} ${raw.slice(0, 60)}`);
      // None of these is an event Lark could have sent: nothing is accepted.
      expect(answer.status, raw.slice(0, 80)).toBeGreaterThanOrEqual(400);
    }),
    { numRuns, seed: ctx.seed },
  );
}

/**
 * fetch sends only header values a server could receive: odd characters go as their UTF-8 bytes
 * (read as Latin-1), control characters are left out.
 */
function toHeaderSafe(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('latin1').replace(/[\x00-\x1f\x7f]/g, '').trim()]),
  );
}

/** A valid event's ciphertext truncated, re-padded, extended or bit-flipped, then signed as it stands. */
export async function fuzzDamagedCiphertext(ctx: FuzzContext, counts: FuzzCounts, numRuns: number) {
  const damage = fc.oneof(
    fc.nat().map((n) => (c: string) => c.slice(0, n % c.length)),
    fc.nat({ max: 3 }).map((n) => (c: string) => c.replace(/=+$/, '') + '='.repeat(n)),
    fc.base64String({ minLength: 1, maxLength: 12 }).map((s) => (c: string) => c + s),
    fc.tuple(fc.nat(), fc.constantFrom(...'ABCabc019+/=')).map(([n, ch]) => (c: string) => c.slice(0, n % c.length) + ch + c.slice((n % c.length) + 1)),
    fc.tuple(fc.nat(), fc.constantFrom(' ', '\n', '\\n', '%', '-', '_')).map(([n, ch]) => (c: string) => c.slice(0, n % c.length) + ch + c.slice(n % c.length)),
    fc.nat({ max: 64 }).map((n) => (c: string) => Buffer.from(c, 'base64').subarray(0, n * 16 > 0 ? n * 16 : 1).toString('base64')),
    fc.constant((c: string) => Buffer.from(c, 'base64').toString('base64url')),
  );
  await fc.assert(
    fc.asyncProperty(doors, damage, fc.constantFrom(...ctx.teachers), async (door, damageIt, teacher) => {
      const { envelope } = messageEvent(ctx.ducha.sandbox, { openId: teacher.openId, text: '帮助' });
      const { raw } = sealed(JSON.stringify(envelope), key(ctx), now(ctx));
      const encrypted = (JSON.parse(raw) as { encrypt: string }).encrypt;
      const damaged = JSON.stringify({ encrypt: damageIt(encrypted) });
      const answer = await post(ctx.ducha.url + door, damaged, signedHeaders(damaged, key(ctx), now(ctx)));
      count(counts, 'damaged ciphertexts', answer);
      expectHandled(ctx, answer, `${door} damaged ${damaged.slice(0, 60)}`);
    }),
    { numRuns, seed: ctx.seed + 1 },
  );
}

type Path = (string | number)[];

/** Every field of an object, nested ones included (objects and their members, array items). */
function fieldPaths(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...fieldPaths(v, [...prefix, i])]);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...fieldPaths(v, [...prefix, k])]);
  }
  return [];
}

function withField(envelope: Envelope, path: Path, value: unknown): unknown {
  const copy = structuredClone(envelope) as unknown as Record<string | number, unknown>;
  let node = copy;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

/**
 * One field of a correctly encrypted and signed envelope (a teacher's message, or a card form
 * submit) given a value of the wrong type — every field in turn, the text inside `content` too.
 */
export async function fuzzWrongTypes(ctx: FuzzContext, counts: FuzzCounts, numRuns: number, inputs: Map<string, string>) {
  const sampleMessage = messageEvent(ctx.ducha.sandbox, { openId: ctx.teachers[0]!.openId, text: '走访1户' }).envelope;
  const sampleCard = cardEvent(ctx.ducha.sandbox, { openId: ctx.teachers[0]!.openId, ...ctx.card, formValue: { home_visits: '1', phone_followups: '0', new_alerts: '0', note: '' } });
  const messagePaths = [...fieldPaths(sampleMessage), ['event', 'message', 'content', '#text'], ['event', 'message', 'content', '#whole']];
  const cardPaths = fieldPaths(sampleCard);
  const target = fc.oneof(
    fc.record({ kind: fc.constant('message' as const), path: fc.constantFrom(...messagePaths) }),
    fc.record({ kind: fc.constant('card' as const), path: fc.constantFrom(...cardPaths) }),
  );
  await fc.assert(
    fc.asyncProperty(target, wrongValue, fc.constantFrom(...ctx.teachers), async ({ kind, path }, value, teacher) => {
      let fuzzed: unknown;
      if (kind === 'message') {
        const { envelope } = messageEvent(ctx.ducha.sandbox, { openId: teacher.openId, text: '走访2户 电话1户' });
        const inner = path.at(-1);
        if (inner === '#text') fuzzed = withField(envelope, path.slice(0, -1), JSON.stringify({ text: value }));
        else if (inner === '#whole') fuzzed = withField(envelope, path.slice(0, -1), JSON.stringify(value) ?? 'null');
        else fuzzed = withField(envelope, path, value);
      } else {
        const envelope = cardEvent(ctx.ducha.sandbox, {
          openId: teacher.openId,
          ...ctx.card,
          formValue: { home_visits: '3', phone_followups: '2', new_alerts: '1', note: '卡片' },
        });
        fuzzed = withField(envelope, path, value);
      }
      const eventId = (fuzzed as { header?: { event_id?: unknown } }).header?.event_id;
      const description = `${kind} ${path.join('.')} = ${JSON.stringify(value)?.slice(0, 120)}`;
      if (typeof eventId === 'string') inputs.set(eventId, description);
      const { raw, headers } = sealed(JSON.stringify(fuzzed), key(ctx), now(ctx));
      const answer = await post(ctx.ducha.url + (kind === 'message' ? '/lark/events' : '/lark/card'), raw, headers);
      count(counts, 'wrong-typed fields', answer);
      expectHandled(ctx, answer, description);
    }),
    {
      numRuns,
      seed: ctx.seed + 2,
      // Cases found by earlier runs, kept so every run tries them.
      examples: [
        [{ kind: 'message', path: ['event', 'message', 'content', '#whole'] }, null, ctx.teachers[0]!],
        [{ kind: 'message', path: ['event', 'message', 'content', '#text'] }, '\u0000', ctx.teachers[0]!],
        [{ kind: 'message', path: ['event', 'message', 'content', '#text'] }, '走访1户 备注：\u0000王\ud800', ctx.teachers[0]!],
        [{ kind: 'message', path: ['event', 'sender', 'sender_id', 'open_id'] }, [[false]], ctx.teachers[0]!],
        [{ kind: 'message', path: ['event', 'message', 'message_id'] }, 42, ctx.teachers[0]!],
        [{ kind: 'card', path: ['event', 'action', 'timezone'] }, '\u0000', ctx.teachers[0]!],
        [{ kind: 'card', path: ['event', 'action', 'value', 'round_id'] }, -1.7976931348623155e308, ctx.teachers[0]!],
        [{ kind: 'card', path: ['event', 'action', 'form_value', 'note'] }, '\ud800', ctx.teachers[0]!],
        [{ kind: 'card', path: ['event', 'operator', 'open_id'] }, { open_id: 'ou_demo_t0101' }, ctx.teachers[0]!],
      ],
    },
  );
}

/** A teacher's message made of odd Unicode, or huge: acknowledged and answered once, like any other. */
export async function fuzzOddTexts(ctx: FuzzContext, counts: FuzzCounts, numRuns: number, expectReply: Map<string, string>) {
  const text = fc.oneof({ weight: 4, arbitrary: oddString }, { weight: 1, arbitrary: hugeString(150_000) });
  await fc.assert(
    fc.asyncProperty(text, fc.constantFrom(...ctx.teachers), fc.boolean(), async (said, teacher, inGroup) => {
      const { envelope, messageId } = messageEvent(ctx.ducha.sandbox, { openId: teacher.openId, text: said, ...(inGroup ? { chatId: teacher.chatId } : {}) });
      const { raw, headers } = sealed(JSON.stringify(envelope), key(ctx), now(ctx));
      const answer = await post(ctx.ducha.url + '/lark/events', raw, headers);
      count(counts, 'odd or huge texts', answer);
      const what = `text of ${said.length} chars: ${JSON.stringify(said.slice(0, 40))}`;
      expectHandled(ctx, answer, what);
      if (raw.length <= 1024 * 1024) expect(answer.status, what).toBe(200);
      if (answer.status === 200) expectReply.set(messageId, what);
    }),
    { numRuns, seed: ctx.seed + 3 },
  );
}

/** Random Chinese and mixed check-in texts from teachers, through the whole server. */
export async function fuzzCheckInTexts(ctx: FuzzContext, counts: FuzzCounts, numRuns: number, expectReply: Map<string, string>) {
  await fc.assert(
    fc.asyncProperty(checkInText, fc.constantFrom(...ctx.teachers), fc.boolean(), async (said, teacher, inGroup) => {
      const { envelope, messageId } = messageEvent(ctx.ducha.sandbox, { openId: teacher.openId, text: said, ...(inGroup ? { chatId: teacher.chatId } : {}) });
      const { raw, headers } = sealed(JSON.stringify(envelope), key(ctx), now(ctx));
      const answer = await post(ctx.ducha.url + '/lark/events', raw, headers);
      count(counts, 'check-in texts', answer);
      expectHandled(ctx, answer, JSON.stringify(said));
      expect(answer.status, JSON.stringify(said)).toBe(200);
      expectReply.set(messageId, JSON.stringify(said));
    }),
    { numRuns, seed: ctx.seed + 4 },
  );
}

/** The objects of a teacher's message event, and how many containers a key added to each sits in. */
const MESSAGE_OBJECTS: { path: string[]; depth: number }[] = [
  { path: [], depth: 1 },
  { path: ['header'], depth: 2 },
  { path: ['event'], depth: 2 },
  { path: ['event', 'sender'], depth: 3 },
  { path: ['event', 'sender', 'sender_id'], depth: 4 },
  { path: ['event', 'message'], depth: 3 },
];
const objectAt = (envelope: unknown, path: string[]) => path.reduce((node: any, step) => node[step], envelope) as Record<string, unknown>;
const checkInOf = fc.tuple(fc.nat({ max: 30 }), fc.nat({ max: 30 }), fc.nat({ max: 9 })).map(([a, b, c]) => `走访${a}户 电话${b}户 新增预警${c}人`);

/**
 * A teacher's check-in, correctly signed, carrying deep nesting: in a new key of any object of its
 * envelope (refused with a 400 past the bound, answered once within it), or inside the content of
 * a rich-text (post) message (always acknowledged and answered once). Never a 5xx.
 */
export async function fuzzDeepNesting(ctx: FuzzContext, counts: FuzzCounts, numRuns: number, expectReply: Map<string, string>) {
  const where = fc.oneof(fc.constantFrom(...MESSAGE_OBJECTS), fc.constant('post content' as const));
  await fc.assert(
    fc.asyncProperty(deepNesting, where, checkInOf, fc.constantFrom(...ctx.teachers), async (nested, at, said, teacher) => {
      const { envelope, messageId } = messageEvent(ctx.ducha.sandbox, { openId: teacher.openId, text: said });
      const what = `${nested.depth} levels in ${at === 'post content' ? at : at.path.join('.') || 'the envelope'}`;
      if (at === 'post content') {
        const message = (envelope.event as { message: Record<string, unknown> }).message;
        message.message_type = 'post';
        message.content = withNestedJson({ title: '', content: [[{ tag: 'text', text: said }], NESTED_HERE] }, nested.json);
      } else {
        objectAt(envelope, at.path).x_nested = NESTED_HERE;
      }
      const plaintext = at === 'post content' ? JSON.stringify(envelope) : withNestedJson(envelope, nested.json);
      const { raw, headers } = sealed(plaintext, key(ctx), now(ctx));
      const answer = await post(ctx.ducha.url + '/lark/events', raw, headers);
      count(counts, 'deep nestings', answer);
      expectHandled(ctx, answer, what);
      if (at !== 'post content' && at.depth + nested.depth > MAX_JSON_DEPTH) {
        expect(answer.status, what).toBe(400);
        expect(answer.body.error, what).toMatch(/deep/);
      } else {
        expect(answer.status, what).toBe(200);
        expectReply.set(messageId, what);
      }
    }),
    { numRuns, seed: ctx.seed + 5, examples: [[{ depth: 10_000, json: '['.repeat(10_000) + ']'.repeat(10_000) }, 'post content', '走访1户', ctx.teachers[0]!]] },
  );
}

/**
 * A teacher's check-in, correctly signed, with `__proto__` keys in any of its envelope's objects,
 * carrying anything (fields the pipeline and the SDK read included): stored and answered once.
 */
export async function fuzzPrototypeKeys(ctx: FuzzContext, counts: FuzzCounts, numRuns: number, checkIns: Map<string, string>) {
  const places = fc.subarray(MESSAGE_OBJECTS, { minLength: 1 });
  await fc.assert(
    fc.asyncProperty(places, fc.array(prototypeValue, { minLength: 6, maxLength: 6 }), checkInOf, fc.constantFrom(...ctx.teachers), async (at, values, said, teacher) => {
      const { envelope, messageId } = messageEvent(ctx.ducha.sandbox, { openId: teacher.openId, text: said });
      let sent: unknown = envelope;
      // Deepest first, each a copy put in its parent; the envelope itself last.
      for (const [i, { path }] of [...at].sort((a, b) => b.depth - a.depth).entries()) {
        if (path.length === 0) sent = withOwnKey(sent as object, '__proto__', values[i]);
        else objectAt(sent, path.slice(0, -1))[path.at(-1)!] = withOwnKey(objectAt(sent, path), '__proto__', values[i]);
      }
      const what = `__proto__ in ${at.map((a) => a.path.join('.') || 'the envelope').join(', ')}: ${JSON.stringify(values).slice(0, 160)}`;
      const { raw, headers } = sealed(JSON.stringify(sent), key(ctx), now(ctx));
      const answer = await post(ctx.ducha.url + '/lark/events', raw, headers);
      count(counts, 'prototype keys', answer);
      expectHandled(ctx, answer, what);
      expect(answer.status, what).toBe(200);
      checkIns.set(messageId, what);
    }),
    { numRuns, seed: ctx.seed + 6 },
  );
}

/**
 * Waits for every handler still running on a backlog, then for the outbox, however long the
 * per-chat send limit makes it take (settle gives up after a while; this keeps asking, within a bound).
 */
export async function settleFully(ducha: TestDucha, rounds = 30) {
  await ducha.deps.background.idle();
  for (let i = 1; ; i++) {
    try {
      return await ducha.settle();
    } catch (error) {
      if (i >= rounds) throw error;
    }
  }
}

/**
 * After the server has handled everything: no event left half-done, no answer stored incomplete
 * or with a value its form refuses, no error logged, and one reply to each message that expects one.
 */
export async function expectNoPartialRows(ctx: FuzzContext, inputs: Map<string, string>, expectReply: Map<string, string>, checkIns = new Map<string, string>()) {
  await settleFully(ctx.ducha);
  const events = await ctx.ducha.db.select().from(receivedEvents);
  const unfinished = events.filter((e) => e.processedAt === null || e.payload !== null || e.lastError !== null);
  expect(unfinished.map((e) => `${inputs.get(e.eventId) ?? e.eventId}: ${e.lastError ?? 'not processed'}`)).toEqual([]);

  const stored = await ctx.ducha.db
    .select({ id: responses.id, answers: responses.answers, definition: campaigns.definition })
    .from(responses)
    .innerJoin(rounds, eq(rounds.id, responses.roundId))
    .innerJoin(campaigns, eq(campaigns.id, rounds.campaignId));
  for (const row of stored) {
    const fields = (row.definition as CampaignDefinition).form.fields;
    expect(Object.keys(row.answers).sort(), `response ${row.id}`).toEqual(fields.map((f) => f.name).sort());
    for (const field of fields) {
      const value = row.answers[field.name];
      if (field.type === 'count') expect(Number.isInteger(value) && (value as number) >= 0 && (value as number) <= field.max, `${field.name}=${value}`).toBe(true);
      if (field.type === 'text') expect(value === null || (typeof value === 'string' && [...value].length <= field.maxLength)).toBe(true);
    }
  }

  const bot = ctx.ducha.botMessages();
  const replies = new Map<string, number>();
  // An answer is keyed `reply:<message id>` (Lark's uuid), whether it went as a reply in the chat or
  // 1:1 (a number to confirm, a report to place, a check-in in the wrong chat).
  for (const m of bot) {
    const answered = m.uuid?.startsWith('reply:') ? m.uuid.slice('reply:'.length) : undefined;
    if (answered) replies.set(answered, (replies.get(answered) ?? 0) + 1);
  }
  const wrong = [...expectReply, ...checkIns].filter(([id]) => replies.get(id) !== 1).map(([id, what]) => `${replies.get(id) ?? 0} replies to ${what}`);
  expect(wrong).toEqual([]);
  // A valid check-in is taken, whatever else its envelope carries: its one reply says so.
  const taken = /已(收到|更新)/;
  const notTaken = [...checkIns].filter(([id]) => !bot.some((m) => m.uuid === `reply:${id}` && taken.test(m.text))).map(([, what]) => what);
  expect(notTaken).toEqual([]);
  expect(ctx.errors().map((l) => `${l.msg}: ${JSON.stringify(l.error ?? l.reason ?? '')}`)).toEqual([]);
}
