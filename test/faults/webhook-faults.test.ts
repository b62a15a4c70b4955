import { createHash } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, receivedEvents, responses } from '../../src/db/schema/index.js';
import { buildDemoCounty } from '../../src/domain/roster/demo-county.js';
import type { ErrorCode } from '../../src/errors.js';
import { p2pChatIdFor } from '../../src/lark/sandbox/sandbox-state.js';
import { capturingLogger, cardEvent, codesOf, messageEvent, post, sealed } from '../helpers/lark-traffic.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { formatStorm, runDuplicateStorm, stormRoster } from './duplicate-storm.js';
import { slowClientsWhileEventsFlow } from './slow-clients.js';
import {
  expectNoPartialRows,
  formatFuzz,
  fuzzCheckInTexts,
  fuzzDamagedCiphertext,
  fuzzDeepNesting,
  fuzzOddTexts,
  fuzzPrototypeKeys,
  fuzzRandomBodies,
  fuzzWrongTypes,
  newFuzzCounts,
  type FuzzContext,
} from './webhook-fuzz.js';

/**
 * The fast part of the fault and bad-input suite, on one running server (in sandbox mode, PGlite
 * or Postgres) so it pays for one start: a duplicate storm, then fuzzed webhook bodies.
 * The long versions are in *.faults.ts (`npm run test:faults`).
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const scale = Number(process.env.FAULTS_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * scale));

const storm = stormRoster(4, 6);
const roster = [...buildDemoCounty(), ...storm].map((row, i) => ({ ...row, line: i + 2 }));
const logs = capturingLogger();
let ducha: TestDucha;

beforeAll(async () => {
  ducha = await startTestDucha({ now: '2026-12-01T08:00:00+08:00', roster, log: logs.log });
  await ducha.tick('2026-12-01T09:00:00+08:00');
});
afterAll(() => ducha?.close());

const errors = () => logs.lines.filter((l) => l.level === 'error');

describe('a duplicate storm (every event 1–5 times, interleaved, on Lark’s retry schedule)', () => {
  it('gives exactly one effect and one receipt per event', async () => {
    const counts = await runDuplicateStorm(ducha, storm, { seed: SEED, concurrency: 8, errors });
    console.log(formatStorm('duplicate storm', counts));
    expect(counts.duplicates).toBeGreaterThan(counts.events);
  });
});

describe('fuzzed webhook bodies', () => {
  const counts = newFuzzCounts();
  const inputs = new Map<string, string>();
  const expectReply = new Map<string, string>();
  const checkIns = new Map<string, string>();
  let ctx: FuzzContext;
  beforeAll(() => {
    ducha.setTime('2026-12-03T10:00:00+08:00');
    const card = ducha.botMessages().find((m) => m.chat_id === 'oc_demo_school_01' && m.msg_type === 'interactive' && JSON.stringify(m.content).includes('"respond"'))!;
    const value = JSON.parse(JSON.stringify(card.content).match(/\{"action":"respond","round_id":\d+\}/)![0]) as unknown;
    ctx = {
      ducha,
      errors,
      teachers: roster.filter((r) => r.role === 'teacher' && r.chatId!.startsWith('oc_demo_school_')).map((r) => ({ openId: r.openId, chatId: r.chatId! })),
      card: { messageId: card.message_id, chatId: card.chat_id, value },
      seed: SEED,
    };
  });

  it('random JSON and random bytes, signed or not, are refused with a 4xx', async () => {
    await fuzzRandomBodies(ctx, counts, runs(300));
  });

  it('truncated, re-padded or damaged ciphertext never gives a 5xx', async () => {
    await fuzzDamagedCiphertext(ctx, counts, runs(100));
  });

  it('a wrong type in any field of a correctly signed message or card callback never gives a 5xx', async () => {
    await fuzzWrongTypes(ctx, counts, runs(100), inputs);
  });

  it('odd and huge Unicode texts are acknowledged and answered once', async () => {
    await fuzzOddTexts(ctx, counts, runs(30), expectReply);
  });

  it('random Chinese and mixed check-in texts are acknowledged and answered once', async () => {
    await fuzzCheckInTexts(ctx, counts, runs(40), expectReply);
  });

  it('deep nesting in a signed message is refused with a 400 past the bound, or answered once', async () => {
    await fuzzDeepNesting(ctx, counts, runs(40), expectReply);
  });

  it('`__proto__` keys anywhere in a signed check-in do not drop it: taken and answered once', async () => {
    await fuzzPrototypeKeys(ctx, counts, runs(30), checkIns);
  });

  it('leaves no event half-handled, no answer incomplete, no check-in dropped, no error logged', async () => {
    await expectNoPartialRows(ctx, inputs, expectReply, checkIns);
    console.log(formatFuzz('webhook fuzz', counts));
  });
});

describe('security: each refused, logged, nothing stored or leaked', () => {
  const refusals: string[] = [];
  const TEACHER = 'ou_demo_t0101';
  const SCHOOL_CHAT = 'oc_demo_school_01';
  const key = () => ducha.sandbox.settings.encryptKey!;
  const token = () => ducha.sandbox.settings.verificationToken;

  const storedEvent = async (eventId: string) => (await ducha.db.select().from(receivedEvents).where(eq(receivedEvents.eventId, eventId)))[0];
  const responseCount = async () => (await ducha.db.select({ n: count() }).from(responses))[0]!.n;
  const repliesTo = (messageId: string) => ducha.botMessages().filter((m) => m.parent_id === messageId);
  const linesSince = (mark: number) => logs.lines.slice(mark);
  /** The codes logged since `mark`: a refusal logs exactly one ('webhook rejected' or 'card action refused'). */
  const codesSince = (mark: number) => codesOf(linesSince(mark));
  const rawSince = (mark: number) => logs.raw.slice(mark).join('\n');
  const respondCard = (chatId: string) => {
    const card = ducha.botMessages().filter((m) => m.chat_id === chatId && m.msg_type === 'interactive' && JSON.stringify(m.content).includes('"respond"')).at(-1)!;
    const value = JSON.parse(JSON.stringify(card.content).match(/\{"action":"respond","round_id":\d+\}/)![0]) as unknown;
    return { messageId: card.message_id, chatId: card.chat_id, value };
  };

  /** Nothing of a secret, and nothing of what the person wrote, in the logs since `mark`. */
  function expectNothingLeakedInLogs(mark: number, ...said: string[]) {
    const text = rawSince(mark);
    expect(text).not.toContain(key());
    expect(text).not.toContain(token());
    for (const s of said) expect(text).not.toContain(s);
  }

  /** A refusal at the door: the status, one line logged with the rejection's code, no row, no reply, no secret. */
  async function expectRefusedAtDoor(name: string, mark: number, answer: { status: number; body: any }, eventId: string, code: ErrorCode) {
    expect(answer.status, name).toBeGreaterThanOrEqual(400);
    expect(answer.status, name).toBeLessThan(500);
    expect(codesSince(mark), name).toEqual([code]);
    expect(await storedEvent(eventId), name).toBeUndefined();
    expectNothingLeakedInLogs(mark);
    refusals.push(name);
  }

  beforeAll(() => ducha.setTime('2026-12-04T10:00:00+08:00'));

  it('a correctly signed message replayed more than 5 minutes after it was signed is refused', async () => {
    const { envelope, messageId } = messageEvent(ducha.sandbox, { openId: TEACHER, text: '走访9户 电话9户' });
    const captured = sealed(JSON.stringify(envelope), key(), ducha.clock.now());
    ducha.clock.advance(5 * 60_000 + 1_000);
    const mark = logs.lines.length;
    const before = await responseCount();
    const answer = await post(ducha.url + '/lark/events', captured.raw, captured.headers);
    await ducha.settle();
    expect(answer.status).toBe(401);
    await expectRefusedAtDoor('replayed message, 5 min 1 s late', mark, answer, envelope.header.event_id, 'stale_timestamp');
    expect(repliesTo(messageId)).toEqual([]);
    expect(await responseCount()).toBe(before);
  });

  it('a delivered message replayed within the window is dropped as a duplicate; replayed later it is refused', async () => {
    const { envelope, messageId } = messageEvent(ducha.sandbox, { openId: TEACHER, text: '帮助' });
    const captured = sealed(JSON.stringify(envelope), key(), ducha.clock.now());
    expect((await post(ducha.url + '/lark/events', captured.raw, captured.headers)).status).toBe(200);
    await ducha.settle();
    ducha.clock.advance(4 * 60_000);
    expect((await post(ducha.url + '/lark/events', captured.raw, captured.headers)).status).toBe(200);
    ducha.clock.advance(2 * 60_000);
    const mark = logs.lines.length;
    const late = await post(ducha.url + '/lark/events', captured.raw, captured.headers);
    await ducha.settle();
    expect(late.status).toBe(401);
    expect(codesSince(mark)).toEqual(['stale_timestamp']);
    expect(repliesTo(messageId)).toHaveLength(1);
    refusals.push('delivered message replayed 6 min later');
  });

  it('a card form submit replayed 6 minutes later is refused, and within the window has no second effect', async () => {
    const card = respondCard(SCHOOL_CHAT);
    const envelope = cardEvent(ducha.sandbox, { openId: 'ou_demo_t0102', ...card, formValue: { home_visits: '4', phone_followups: '0', new_alerts: '0', note: '' } });
    const captured = sealed(JSON.stringify(envelope), key(), ducha.clock.now());
    const first = await post(ducha.url + '/lark/card', captured.raw, captured.headers);
    expect(first.body.toast).toMatchObject({ type: 'success' });
    await ducha.settle();
    const receipts = () => ducha.botMessages().filter((m) => m.chat_id === p2pChatIdFor('ou_demo_t0102') && m.parent_id === null).length;
    const before = receipts();
    const again = await post(ducha.url + '/lark/card', captured.raw, captured.headers);
    expect(again.body.toast).toMatchObject({ content: '已处理' });
    ducha.clock.advance(6 * 60_000);
    const mark = logs.lines.length;
    const late = await post(ducha.url + '/lark/card', captured.raw, captured.headers);
    await ducha.settle();
    expect(late.status).toBe(401);
    expect(late.body.toast).toBeUndefined();
    expect(codesSince(mark)).toEqual(['stale_timestamp']);
    expect(receipts()).toBe(before);
    refusals.push('card submit replayed 6 min later');
  });

  type ForgedCallback = { how: string; code: ErrorCode; forge: (plain: string) => { raw: string; headers: Record<string, string> } };
  it.each([
    { how: 'signed with a guessed encrypt key', code: 'bad_signature', forge: (plain: string) => sealed(plain, 'guessed-key', ducha.clock.now()) },
    { how: 'encrypted and signed with the verification token instead of the key', code: 'bad_signature', forge: (plain: string) => sealed(plain, token(), ducha.clock.now()) },
    {
      how: 'sent in clear with the right verification token and no signature',
      code: 'not_encrypted',
      forge: (plain: string) => ({ raw: plain, headers: {} as Record<string, string> }),
    },
    {
      how: 'the legacy card.action.trigger_v1 form, signed SHA-1 over the verification token',
      code: 'bad_signature',
      forge: (plain: string) => {
        const raw = JSON.stringify({ ...JSON.parse(plain).event, open_id: 'ou_demo_p01', open_message_id: 'om_x', token: 'c-forged' });
        const timestamp = String(Math.floor(ducha.clock.now().getTime() / 1000));
        const signature = createHash('sha1').update(timestamp + 'nonce' + token() + raw).digest('hex');
        return { raw, headers: { 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': 'nonce', 'x-lark-signature': signature } };
      },
    },
  ] satisfies ForgedCallback[])('a forged card callback ($how) is refused, and no nudge goes out', async ({ how, code, forge }) => {
    const envelope = cardEvent(ducha.sandbox, { openId: 'ou_demo_p01', messageId: 'om_forged', chatId: 'ou_demo_p01', value: { action: 'nudge', round_id: 1, school_id: 1 } });
    const sent = ducha.botMessages().length;
    const mark = logs.lines.length;
    const { raw, headers } = forge(JSON.stringify(envelope));
    const answer = await post(ducha.url + '/lark/card', raw, headers);
    await ducha.settle();
    await expectRefusedAtDoor(`forged card callback: ${how}`, mark, answer, envelope.header.event_id, code);
    expect(answer.body.toast).toBeUndefined();
    expect(ducha.botMessages()).toHaveLength(sent);
  });

  // Clicked on school 01's real prompt card (a message the bot sent into their chat) unless `messageId` says otherwise.
  it.each([
    { who: 'a teacher pressing a nudge button made up for her own school', openId: 'ou_demo_t0103', code: 'not_your_school', value: () => ({ action: 'nudge', round_id: (respondCard(SCHOOL_CHAT).value as { round_id: number }).round_id, school_id: 1 }) },
    // The audience is checked before the form is read (none of the principals' required fields is sent).
    { who: 'a teacher submitting the principals’ round on her school’s card', openId: 'ou_demo_t0103', code: 'not_audience', value: () => respondCard(p2pChatIdFor('ou_demo_p01')).value },
    { who: 'a teacher submitting on the principals’ 1:1 card', openId: 'ou_demo_t0103', code: 'not_your_card', value: () => respondCard(p2pChatIdFor('ou_demo_p01')).value, messageId: () => respondCard(p2pChatIdFor('ou_demo_p01')).messageId },
    { who: 'a principal submitting the teachers’ check-in card', openId: 'ou_demo_p01', code: 'not_audience', value: () => respondCard(SCHOOL_CHAT).value },
    { who: 'a teacher submitting on a message the bot never sent', openId: 'ou_demo_t0103', code: 'not_your_card', value: () => respondCard(SCHOOL_CHAT).value, messageId: () => 'om_forged' },
  ] satisfies { who: string; openId: string; code: ErrorCode; value: () => unknown; messageId?: () => string }[])('a signed callback carrying a forged value is refused with a toast: $who', async ({ who, openId, code, value, ...forged }) => {
    const before = await responseCount();
    const sent = ducha.botMessages().length;
    const mark = logs.lines.length;
    const messageId = forged.messageId?.() ?? respondCard(SCHOOL_CHAT).messageId;
    const envelope = cardEvent(ducha.sandbox, { openId, messageId, chatId: SCHOOL_CHAT, value: value(), formValue: { home_visits: '1', phone_followups: '1', new_alerts: '1', note: '', plan: '本月安排' } });
    const { raw, headers } = sealed(JSON.stringify(envelope), key(), ducha.clock.now());
    const answer = await post(ducha.url + '/lark/card', raw, headers);
    await ducha.settle();
    expect(answer.status).toBe(200);
    expect(answer.body.toast).toMatchObject({ type: 'error' });
    expect(codesSince(mark)).toEqual([code]);
    expect(await responseCount()).toBe(before);
    expect(ducha.botMessages()).toHaveLength(sent);
    expectNothingLeakedInLogs(mark);
    refusals.push(`forged card value: ${who}`);
  });

  it.each(['/lark/events', '/lark/card'] as const)('%s: the wrong verification token is refused and logged without either token', async (door) => {
    const { envelope } = messageEvent(ducha.sandbox, { openId: TEACHER, text: '走访1户' });
    const forged = { ...envelope, header: { ...envelope.header, token: 'forged-verification-token' } };
    const mark = logs.lines.length;
    const { raw, headers } = sealed(JSON.stringify(forged), key(), ducha.clock.now());
    const answer = await post(ducha.url + door, raw, headers);
    expect(answer.status).toBe(401);
    await expectRefusedAtDoor(`wrong verification token at ${door}`, mark, answer, envelope.header.event_id, 'wrong_token');
    expect(rawSince(mark)).not.toContain('forged-verification-token');
  });

  it('a sender not in the roster is told to ask the admin; logged, nothing stored about them', async () => {
    const before = await responseCount();
    const mark = logs.lines.length;
    const said = '走访3户 学生王小明家里困难';
    const { envelope, messageId } = messageEvent(ducha.sandbox, { openId: 'ou_intruder_1', text: said, chatId: SCHOOL_CHAT });
    const { raw, headers } = sealed(JSON.stringify(envelope), key(), ducha.clock.now());
    expect((await post(ducha.url + '/lark/events', raw, headers)).status).toBe(200);
    await ducha.settle();
    expect(repliesTo(messageId)).toHaveLength(1);
    expect(repliesTo(messageId)[0]!.text).toContain('管理员');
    expect(linesSince(mark).filter((l) => l.msg === 'message from someone not in the roster')).toHaveLength(1);
    expect(await responseCount()).toBe(before);
    expect(await ducha.db.select().from(people).where(eq(people.openId, 'ou_intruder_1'))).toEqual([]);
    expect((await storedEvent(envelope.header.event_id))?.payload).toBeNull();
    expectNothingLeakedInLogs(mark, '王小明', said);
    refusals.push('sender not in the roster');
  });

  describe('a teacher asking for what only the bureau may see', () => {
    // Another school's teacher has stored a check-in whose note names a student.
    const SECRET_NOTE = '王小明家长外出务工';
    const ASKER = 'ou_demo_t0201';
    const ASKER_CHAT = 'oc_demo_school_02';
    const school03 = buildDemoCounty().find((r) => r.openId === 'ou_demo_t0301')!;
    beforeAll(async () => {
      const { reply } = await ducha.say('ou_demo_t0301', `走访7户 电话6户 新增预警5人 备注：${SECRET_NOTE}`, 'oc_demo_school_03');
      expect(reply?.text).toMatch(/已(收到|更新)/);
    });

    it.each([
      ['汇总', true],
      ['汇总 2026-12 横渠镇', true],
      ['排名', false],
      ['排名 全县', false],
      ['导出', false],
      ['导出 2026-12', false],
      ['我的 ou_demo_t0301', false],
      ['查询 王小明', false],
      ['王小明 的情况', false],
      ['三小 谁没填报', false],
    ] as const)('「%s」 gets no card and nothing of anyone else’s', async (question, isBureauCommand) => {
      for (const chatId of [ASKER_CHAT, undefined]) {
        const before = await responseCount();
        const mark = logs.lines.length;
        const { envelope, messageId } = messageEvent(ducha.sandbox, { openId: ASKER, text: question, ...(chatId ? { chatId } : {}) });
        const { raw, headers } = sealed(JSON.stringify(envelope), key(), ducha.clock.now());
        expect((await post(ducha.url + '/lark/events', raw, headers)).status).toBe(200);
        await ducha.settle();
        const replies = repliesTo(messageId);
        expect(replies).toHaveLength(1);
        const reply = replies[0]!;
        expect(reply.msg_type).toBe('text');
        // Nothing about another school, another person, or the county's numbers.
        for (const leak of ['王小明', SECRET_NOTE, 'ou_demo_t0301', school03.name, school03.school!, '全县', '排名第']) {
          if (!question.includes(leak)) expect(reply.text, question).not.toContain(leak);
        }
        expect(reply.text).not.toMatch(/走访户数\s*7|7\s*户|电话随访户数\s*6|新增预警人数\s*5/);
        expect(await responseCount()).toBe(before);
        if (isBureauCommand) {
          expect(reply.text).toMatch(/抱歉/);
          expect(linesSince(mark).filter((l) => l.msg === 'command refused' && l.command === '汇总')).toHaveLength(1);
        } else {
          expect(linesSince(mark).filter((l) => l.msg === 'message answered' || l.msg === 'command refused')).toHaveLength(1);
        }
        // (A bare command's name may be logged, as the command refused; what was written never is.)
        expectNothingLeakedInLogs(mark, SECRET_NOTE, '王小明', ...(question.length > 2 ? [question] : []));
      }
      refusals.push(`teacher asking 「${question}」`);
    });
  });

  it('logs its count', () => {
    console.log(`security refusals: ${refusals.length} cases refused (${refusals.join('; ')}), 0 stored, 0 leaked, 0 failures`);
  });
});

describe('slow or stuck clients', () => {
  it('do not hold up the acknowledgement of other requests', async () => {
    const teachers = roster.filter((r) => r.role === 'teacher').map((r) => r.openId);
    const counts = await slowClientsWhileEventsFlow(ducha, { stalled: runs(20), silent: runs(10), trickled: runs(5), events: runs(30), teachers });
    console.log(
      `slow clients: ${counts.slowConnections} slow connections held open (${counts.trickled} trickling a real event), ` +
        `${counts.eventsMeanwhile} events acknowledged and answered meanwhile, 0 failures`,
    );
  });
});
