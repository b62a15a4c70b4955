import { beforeAll, describe, expect, it } from 'vitest';
import { commonTexts } from '../../src/texts/common-texts.js';
import { NESTED_HERE, nestedJson, withNestedJson, withOwnKey } from '../helpers/lark-traffic.js';
import { webhookDoors } from '../helpers/webhook-doors.js';

/**
 * Validly signed payloads of awkward shape, through the real webhook: nesting far deeper than
 * Lark's (< 10 levels) is refused at the door with a 400, never a 5xx that Lark would re-send
 * forever; a `post` whose content nests deeply is answered as unsupported; `__proto__` keys are
 * data like any other key, so a check-in carrying them is stored and answered once.
 */

const doors = webhookDoors();
const { deliver, deliverText, personSays, repliesTo, storedEvent, snapshot, expectShortError, logMark, codesSince } = doors;

beforeAll(async () => {
  // The month's check-in opens, so a teacher's 「走访…」 is stored as her answer.
  await doors.ducha().tick('2026-12-01T09:00:00+08:00');
});

const errorsSince = (mark: number) => doors.logLines().slice(mark).filter((l) => l.level === 'error');

describe('deep nesting in a signed envelope', () => {
  it.each([
    { where: 'event', depth: 10_000, put: (e: any) => (e.event.extra = NESTED_HERE) },
    { where: 'message', depth: 10_000, put: (e: any) => (e.event.message.mentions = [NESTED_HERE]) },
    { where: 'header', depth: 300_000, put: (e: any) => (e.header.extra = NESTED_HERE) },
    { where: 'the top of the envelope, objects', depth: 10_000, put: (e: any) => (e.extra = NESTED_HERE), objects: true },
    { where: 'the top of the envelope (65 in all, one past the bound)', depth: 64, put: (e: any) => (e.extra = NESTED_HERE), objects: true },
  ])('$depth levels in $where: refused with a 400 and its reason, logged, nothing stored, no reply', async ({ depth, put, objects }) => {
    for (const door of ['/lark/events', '/lark/card'] as const) {
      const said = personSays('走访1户 备注：王小明');
      put(said.envelope);
      const before = await snapshot();
      const mark = logMark();
      const answer = await deliverText(door, withNestedJson(said.envelope, nestedJson(depth, { objects })));
      expect(answer.status, door).toBe(400);
      expectShortError(answer.body, /deep/i);
      expect(codesSince(mark), door).toEqual(['payload_too_deep']);
      expect(doors.logLines().slice(mark)[0]).toMatchObject({ msg: 'webhook rejected', status: 400, reason: expect.stringMatching(/deep/) });
      expect(JSON.stringify(doors.logLines().slice(mark))).not.toContain('王小明');
      expect(errorsSince(mark)).toEqual([]);
      expect(await storedEvent(said.envelope.header.event_id)).toEqual([]);
      expect(await snapshot()).toEqual(before);
      expect(repliesTo(said.messageId)).toEqual([]);
    }
  });

  it('nesting well beyond Lark’s own (60 levels in all) is still an event like any other: answered once', async () => {
    const said = personSays('帮助');
    (said.envelope.event as any).extra = NESTED_HERE;
    const answer = await deliverText('/lark/events', withNestedJson(said.envelope, nestedJson(58, { objects: true })));
    expect(answer.status).toBe(200);
    await doors.ducha().settle();
    expect(repliesTo(said.messageId)).toHaveLength(1);
  });
});

describe('a rich-text (post) message whose content nests deeply', () => {
  /** A post message: Lark's {title, content: [[{tag, text}]]}, with `rows` as the content's rows (NESTED_HERE in them given by `nested`). */
  function postSaying(rows: unknown, nested = '') {
    const said = personSays('');
    const message = (said.envelope.event as any).message;
    message.message_type = 'post';
    message.content = withNestedJson({ title: '', content: rows }, nested);
    return said;
  }

  it('a normal post is read as the text it holds', async () => {
    const said = postSaying([[{ tag: 'text', text: '帮助' }]]);
    expect((await deliver('/lark/events', said.envelope)).status).toBe(200);
    await doors.ducha().settle();
    expect(repliesTo(said.messageId)).toHaveLength(1);
    expect(repliesTo(said.messageId)[0]!.text).not.toBe(commonTexts.unsupportedMessage);
  });

  it.each([
    { what: '10,000 levels of arrays', rows: [[{ tag: 'text', text: '走访1户' }], NESTED_HERE], nested: nestedJson(10_000) },
    { what: '10,000 levels of objects', rows: [[{ tag: 'text', text: '走访1户', extra: NESTED_HERE }]], nested: nestedJson(10_000, { objects: true }) },
    { what: '200,000 levels of arrays', rows: NESTED_HERE, nested: nestedJson(200_000) },
  ])('$what: acknowledged, answered once as unsupported, no error, the event done', async ({ rows, nested }) => {
    const said = postSaying(rows, nested);
    const mark = logMark();
    const answer = await deliver('/lark/events', said.envelope);
    expect(answer.status).toBe(200);
    await doors.ducha().settle();
    const replies = repliesTo(said.messageId);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toBe(commonTexts.unsupportedMessage);
    expect(errorsSince(mark)).toEqual([]);
    const [row] = await storedEvent(said.envelope.header.event_id);
    expect(row).toMatchObject({ lastError: null, payload: null });
    expect(row!.processedAt).not.toBeNull();
  });
});

describe('`__proto__` keys in a signed check-in', () => {
  const TEACHER = 'ou_demo_t0102';
  const answersOf = async (openId: string) => (await doors.ducha().responsesOf(openId)).map((r) => r.answers);

  it('at the top of the envelope, in event and in message: stored and answered exactly once, and once only when re-sent', async () => {
    const said = personSays('走访3户 电话2户 新增预警1人', TEACHER);
    const envelope: any = said.envelope;
    // Values chosen to do harm if they became prototypes: fields the pipeline and the SDK read.
    const decoy = { encrypt: 'x', schema: '1.0', header: { event_type: 'x', token: 'x' }, event: {}, message: { message_type: 'image', content: '{}' }, sender: { sender_type: 'app' }, toString: 1 };
    envelope.event.message = withOwnKey(envelope.event.message, '__proto__', decoy);
    envelope.event = withOwnKey(envelope.event, '__proto__', decoy);
    envelope.header = withOwnKey(envelope.header, '__proto__', decoy);
    const sent = withOwnKey(envelope, '__proto__', { ...decoy, polluted: true });
    expect(JSON.stringify(sent)).toContain('"__proto__":{"encrypt"');

    const first = await deliver('/lark/events', sent);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({});
    await doors.ducha().settle();
    const again = await doors.send('/lark/events', first.raw, first.headers);
    expect(again.status).toBe(200);
    await doors.ducha().settle();

    const replies = repliesTo(said.messageId);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toMatch(/已(收到|更新)/);
    expect(await answersOf(TEACHER)).toEqual([expect.objectContaining({ home_visits: 3, phone_followups: 2, new_alerts: 1 })]);
    const [row] = await storedEvent(said.envelope.header.event_id);
    expect(row).toMatchObject({ messageId: said.messageId, lastError: null });
    expect(({} as any).polluted).toBeUndefined();
  });

  it('a `__proto__` key in event is not read as the fields the event lacks (a sender it has none of)', async () => {
    const said = personSays('走访5户 电话5户 新增预警5人', 'ou_demo_t0301');
    const envelope: any = said.envelope;
    const sender = envelope.event.sender;
    delete envelope.event.sender;
    envelope.event = withOwnKey(envelope.event, '__proto__', { sender });
    const mark = logMark();
    expect((await deliver('/lark/events', withOwnKey(envelope, '__proto__', { event: { sender } }))).status).toBe(200);
    await doors.ducha().settle();
    expect(repliesTo(said.messageId)).toEqual([]);
    expect(await answersOf('ou_demo_t0301')).toEqual([]);
    expect(doors.logLines().slice(mark).filter((l) => l.msg === 'message ignored')).toHaveLength(1);
    const [row] = await storedEvent(said.envelope.header.event_id);
    expect(row!.processedAt).not.toBeNull();
  });

  it('`__proto__` whose value is null, an array or a string does not drop the check-in either', async () => {
    for (const [i, value] of [null, [1, 2], 'x'].entries()) {
      const teacher = `ou_demo_t020${i + 1}`;
      const said = personSays('走访2户 电话1户 新增预警0人', teacher);
      const envelope: any = said.envelope;
      envelope.event.message = withOwnKey(envelope.event.message, '__proto__', value);
      const answer = await deliver('/lark/events', withOwnKey(withOwnKey(envelope, 'event', withOwnKey(envelope.event, '__proto__', value)), '__proto__', value));
      expect(answer.status).toBe(200);
      await doors.ducha().settle();
      expect(repliesTo(said.messageId), JSON.stringify(value)).toHaveLength(1);
      expect(repliesTo(said.messageId)[0]!.text, teacher).toMatch(/已(收到|更新)/);
      expect(await answersOf(teacher), teacher).toHaveLength(1);
    }
  });
});
