import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema/index.js';
import { buildEnvelope } from '../../src/lark/sandbox/deliver-event.js';
import { p2pChatIdFor } from '../../src/lark/sandbox/sandbox-state.js';
import { encrypted, signedHeaders } from '../helpers/lark-traffic.js';
import { TEACHER, webhookDoors } from '../helpers/webhook-doors.js';

/**
 * Lark's webhook protocol as Lark would exercise it: raw HTTP to /lark/events and /lark/card,
 * encrypted and signed by hand, checking what is answered and what is (not) stored.
 * (Refusals, health and a real app's config: webhook-pipeline-rejections.test.ts.)
 */

const doors = webhookDoors();
const { deliver, send, personSays, challengeBody, repliesTo, storedEvent, storedEvents, snapshot, expectShortError, logMark, codesSince } = doors;
const hex = (n: number) => randomBytes(n).toString('hex');

describe('URL verification (the challenge Lark sends when the request URL is saved)', () => {
  it.each(['/lark/events', '/lark/card'] as const)('%s answers an encrypted, unsigned challenge with the plaintext challenge', async (door) => {
    const before = await snapshot();
    const challenge = `challenge-${hex(6)}`;
    const response = await send(door, challengeBody(challenge));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ challenge });
    expect(await snapshot()).toEqual(before);
  });

  it.each(['/lark/events', '/lark/card'] as const)('%s also answers a challenge that happens to be signed', async (door) => {
    const raw = challengeBody('signed-challenge');
    const response = await send(door, raw, signedHeaders(raw, doors.encryptKey(), doors.now()));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ challenge: 'signed-challenge' });
  });

  it.each(['/lark/events', '/lark/card'] as const)('%s refuses a challenge carrying the wrong verification token (401)', async (door) => {
    const before = await snapshot();
    const mark = logMark();
    const response = await send(door, challengeBody('nope', 'not-the-verification-token'));
    expect(response.status).toBe(401);
    expectShortError(response.body, /token/i);
    expect(JSON.stringify(response.body)).not.toContain('nope');
    expect(codesSince(mark)).toEqual(['wrong_token']);
    expect(await snapshot()).toEqual(before);
  });
});

describe('an accepted message event', () => {
  /** A message of the test's own, delivered once and answered: what the retries below replay. */
  async function deliveredOnce() {
    const said = personSays('帮助');
    const first = await deliver('/lark/events', said.envelope);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({});
    await doors.ducha().settle();
    expect(repliesTo(said.messageId)).toHaveLength(1);
    return { said, first };
  }

  it('is acknowledged with 200 {}, stored once, and answered with a reply to that message', async () => {
    const before = await snapshot();
    const said = personSays('帮助');
    const first = await deliver('/lark/events', said.envelope);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({});
    await doors.ducha().settle();

    const rows = await storedEvent(said.envelope.header.event_id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ messageId: said.messageId, eventType: 'im.message.receive_v1' });
    expect((await storedEvents()).length).toBe(before.receivedEvents + 1);

    const replies = repliesTo(said.messageId);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.chat_id).toBe(p2pChatIdFor(TEACHER));
    expect(replies[0]!.text.length).toBeGreaterThan(0);
  });

  it('keeps no message content once processed (payload cleared, dedup keys kept)', async () => {
    const { said } = await deliveredOnce();
    const [row] = await storedEvent(said.envelope.header.event_id);
    expect(row!.processedAt).not.toBeNull();
    expect(row!.payload).toBeNull();
    expect(row!.messageId).toBe(said.messageId);
    expect(row!.lastError).toBeNull();
  });

  it('a Lark retry of the very same request is acknowledged but neither stored nor answered again', async () => {
    const { said, first } = await deliveredOnce();
    const before = await snapshot();
    const retry = await send('/lark/events', first.raw, first.headers);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({});
    expect(await snapshot()).toEqual(before);
    expect(await storedEvent(said.envelope.header.event_id)).toHaveLength(1);
    expect(repliesTo(said.messageId)).toHaveLength(1);
  });

  it('a retry of the same event re-encrypted and re-signed (new IV, nonce, signature) is dropped too', async () => {
    const { said, first } = await deliveredOnce();
    const before = await snapshot();
    const retry = await deliver('/lark/events', said.envelope);
    expect(retry.status).toBe(200);
    expect(retry.raw).not.toBe(first.raw);
    expect(await snapshot()).toEqual(before);
    expect(repliesTo(said.messageId)).toHaveLength(1);
  });

  it('the same message_id under a new event_id is dropped as a duplicate (still one reply)', async () => {
    const { said } = await deliveredOnce();
    const before = await snapshot();
    const again = { ...said.envelope, header: { ...said.envelope.header, event_id: hex(16) } };
    const response = await deliver('/lark/events', again);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({});
    expect(await snapshot()).toEqual(before);
    expect(await storedEvent(again.header.event_id)).toHaveLength(0);
    expect(repliesTo(said.messageId)).toHaveLength(1);
  });

  it('a body that is not compact JSON is accepted when the signature is over its raw bytes', async () => {
    const next = personSays('帮助');
    const raw = JSON.stringify(JSON.parse(encrypted(JSON.stringify(next.envelope), doors.encryptKey())), null, 2);
    const response = await send('/lark/events', raw, signedHeaders(raw, doors.encryptKey(), doors.now()));
    expect(response.status).toBe(200);
    await doors.ducha().settle();
    expect(await storedEvent(next.envelope.header.event_id)).toHaveLength(1);
    expect(repliesTo(next.messageId)).toHaveLength(1);
  });

  it('through the sandbox (ducha.say) the same path gives one reply to the message', async () => {
    const { message_id, delivered, replies } = await doors.ducha().say(TEACHER, '帮助');
    expect(delivered).toEqual({ status: 200, body: {} });
    expect(replies).toHaveLength(1);
    expect(replies[0]!.parent_id).toBe(message_id);
  });
});

describe('when an event is handled', () => {
  const queuedReplies = async (messageId: string) =>
    (await doors.ducha().db.select({ key: outbox.key }).from(outbox)).filter((row) => row.key === `reply:${messageId}`);

  it('while Ducha keeps up, inside its request: by the 200 the reply is queued and the event done', async () => {
    const said = personSays('帮助');
    const response = await deliver('/lark/events', said.envelope);
    expect(response.status).toBe(200);
    // No settle: nothing may be left for after the 200.
    expect(await queuedReplies(said.messageId)).toHaveLength(1);
    const [row] = await storedEvent(said.envelope.header.event_id);
    expect(row!.processedAt).not.toBeNull();
    expect(row!.payload).toBeNull();
  });
});

describe('an event type Ducha does not handle', () => {
  it('is acknowledged, then marked processed with its payload cleared, and nothing is sent', async () => {
    const before = await snapshot();
    // 用户进群: Ducha handles the bot's own joining and leaving (chat-binding.test.ts), not people's.
    const envelope = buildEnvelope(doors.ducha().sandbox, 'im.chat.member.user.added_v1', {
      chat_id: 'oc_demo_school_01',
      operator_id: { open_id: 'ou_demo_a1', union_id: 'on_ou_demo_a1' },
      external: false,
      operator_tenant_key: 'sandbox',
      name: '示例学校群',
      users: [{ name: '新同事', tenant_key: 'sandbox', user_id: { open_id: 'ou_new', union_id: 'on_ou_new' } }],
    });
    const response = await deliver('/lark/events', envelope);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({});
    await doors.ducha().settle();

    const [row] = await storedEvent(envelope.header.event_id);
    expect(row).toMatchObject({ eventType: 'im.chat.member.user.added_v1', messageId: null, payload: null });
    expect(row!.processedAt).not.toBeNull();
    const after = await snapshot();
    expect(after.receivedEvents).toBe(before.receivedEvents + 1);
    expect(after.outboxRows).toBe(before.outboxRows);
    expect(after.botMessages).toBe(before.botMessages);
  });
});

describe('/lark/card', () => {
  it('refuses a correctly signed event that is not a card callback (400), storing nothing', async () => {
    const before = await snapshot();
    const { envelope, messageId } = personSays('帮助');
    const mark = logMark();
    const response = await deliver('/lark/card', envelope);
    expect(response.status).toBe(400);
    expectShortError(response.body, /card/i);
    expect(codesSince(mark)).toEqual(['not_a_card_callback']);
    expect(await snapshot()).toEqual({ ...before, sandboxMessages: before.sandboxMessages + 1 });
    expect(await storedEvent(envelope.header.event_id)).toHaveLength(0);
    expect(repliesTo(messageId)).toHaveLength(0);
  });
});
