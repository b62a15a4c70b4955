import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedEvents, responses } from '../../src/db/schema/index.js';
import { buildEnvelope } from '../../src/lark/sandbox/deliver-event.js';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import type { WsEndpointFake } from '../../src/lark/sandbox/ws-endpoint-fake.js';
import { callbackValue, callbackValueIfOne } from '../helpers/card-tree.js';
import { fakeFile, sendFile } from '../helpers/evidence-upload.js';
import { messageEvent } from '../helpers/lark-traffic.js';
import { createTestDatabase } from '../helpers/test-database.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { until } from '../helpers/until.js';

// LARK_MODE=ws end to end: the real SDK's WSClient inside Ducha connects to the sandbox's fake of
// Lark's long-connection endpoint (pbbp2 frames, pings, acks), which pushes people's messages and
// card clicks as Lark does and sends again what is not acknowledged. Replies go out through the
// outbox to the sandbox's Open API, as in webhook mode.

const PRINCIPAL = 'ou_demo_p01';
const FAST = { pingTimeoutSec: 1, leaseMs: 600 };

const readyz = async (ducha: TestDucha) => {
  const response = await fetch(`${ducha.url}/readyz`);
  return { status: response.status, body: (await response.json()) as { ok: boolean; lark?: string } };
};
const connected = async (ducha: TestDucha) => (await readyz(ducha)).body.lark === 'connected';

describe('LARK_MODE=ws: events and card callbacks over the long connection', () => {
  let ducha: TestDucha;
  let fake: WsEndpointFake;

  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-12-01T09:00:00+08:00', roster: 'demo', env: { LARK_MODE: 'ws' }, longConnection: FAST });
    fake = ducha.sandbox.longConnection!;
    expect(await until(() => connected(ducha), 10_000)).toBe(true);
  });
  afterAll(() => ducha?.close());

  /** Bot messages answering a person's message. */
  const repliesTo = (messageId: string) => ducha.botMessages().filter((m) => m.parent_id === messageId);
  const inboxRows = async (eventId: string) => (await ducha.db.select({ n: count() }).from(receivedEvents).where(eq(receivedEvents.eventId, eventId)))[0]!.n;

  it('opens no webhook door, and /readyz reports the connection', async () => {
    for (const path of ['/lark/events', '/lark/card']) {
      expect((await ducha.post(path, { schema: '2.0' })).status).toBe(404);
    }
    expect(await readyz(ducha)).toEqual({ status: 200, body: { ok: true, database: 'up', lark: 'connected' } });
    expect(await until(() => fake.stats.pings > 0, 5_000)).toBe(true);
    expect(fake.openConnections()).toBe(1);
  });

  it('answers a message pushed over it, acknowledging the frame as the SDK does', async () => {
    const acks = fake.stats.acks.length;
    const said = await ducha.say(PRINCIPAL, '帮助');
    expect(said.delivered.status).toBe(200);
    expect(said.replies).toHaveLength(1);
    const [ack] = fake.stats.acks.slice(acks);
    expect(ack).toMatchObject({ code: 200, headers: { type: 'event', sum: '1', seq: '0' } });
    expect(ack!.headers.biz_rt).toMatch(/^-?\d+$/);
  });

  it('answers a card callback (a form submitted) with its toast in the ack, and records the answer once', async () => {
    await ducha.tick('2026-12-01T09:00:00+08:00');
    ducha.setTime('2026-12-03T10:00:00+08:00');
    const card = ducha.botMessages().find((m) => m.chat_id === 'oc_demo_school_01' && callbackValueIfOne(m)?.action === 'respond')!;
    const form = { home_visits: '3', phone_followups: '1', new_alerts: '0', note: '' };
    const clicked = await ducha.click('ou_demo_t0101', card.message_id, { value: callbackValue(card), form_value: form });
    expect(clicked.delivered).toMatchObject({ status: 200, body: { toast: { type: 'success' } } });
    expect(clicked.sent.map((m: SandboxMessage) => m.receive_id)).toEqual(['ou_demo_t0101']);
    expect(await ducha.responsesOf('ou_demo_t0101')).toHaveLength(1);
    expect((await ducha.db.select({ n: count() }).from(responses))[0]!.n).toBe(1);
  });

  it('answers a photo pushed over it (stored at the ack, handled after it: its bytes come from Lark), once', async () => {
    const requests = ducha.sandbox.resourceRequests;
    const sent = await sendFile(ducha, { openId: 'ou_demo_b1', kind: 'image', bytes: fakeFile('jpeg') });
    const stored = await ducha.db.select({ processedAt: receivedEvents.processedAt }).from(receivedEvents).where(eq(receivedEvents.messageId, sent.message_id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.processedAt).not.toBeNull();
    expect(sent.replies).toHaveLength(1);
    expect(sent.reply!.text).toContain('由校长和教师提交');
    expect(ducha.sandbox.resourceRequests).toBe(requests);
  });

  it('takes every event type to the same intake: one with no handler is acked and recorded; a malformed envelope is acked and dropped', async () => {
    const unhandled = buildEnvelope(ducha.sandbox, 'contact.user.updated_v3', { object: { open_id: PRINCIPAL } });
    expect(await fake.deliver(unhandled)).toMatchObject({ code: 200, attempts: 1 });
    const [row] = await ducha.db.select().from(receivedEvents).where(eq(receivedEvents.eventId, unhandled.header.event_id));
    expect(row).toMatchObject({ eventType: 'contact.user.updated_v3', payload: null });
    expect(row!.processedAt).not.toBeNull();
    // A v1 envelope (no schema, no header): sending it again would not mend it.
    const before = (await ducha.db.select({ n: count() }).from(receivedEvents))[0]!.n;
    expect(await fake.deliver({ uuid: 'x', type: 'event_callback', event: {} })).toMatchObject({ code: 200, attempts: 1 });
    expect((await ducha.db.select({ n: count() }).from(receivedEvents))[0]!.n).toBe(before);
  });

  it('handles an event Lark pushes twice (as it does when unsure of the ack) once', async () => {
    const { messageId, envelope } = messageEvent(ducha.sandbox, { openId: PRINCIPAL, text: '帮助' });
    expect((await fake.deliver(envelope)).code).toBe(200);
    // Acknowledged only once it is in the inbox: a re-push from here on is known.
    expect(await inboxRows(envelope.header.event_id)).toBe(1);
    expect((await fake.deliver(envelope)).code).toBe(200);
    await ducha.settle();
    expect(repliesTo(messageId)).toHaveLength(1);
    expect(await inboxRows(envelope.header.event_id)).toBe(1);
  });

  it('joins a fragmented message, and one cut off by a dropped connection arrives whole after the reconnect, once', async () => {
    const whole = messageEvent(ducha.sandbox, { openId: PRINCIPAL, text: '帮助' });
    expect(await fake.deliver(whole.envelope, { fragments: 3 })).toMatchObject({ code: 200, attempts: 1, headers: { sum: '3' } });
    const connections = fake.stats.connections;
    const cut = messageEvent(ducha.sandbox, { openId: PRINCIPAL, text: '帮助' });
    const ack = await fake.deliver(cut.envelope, { fragments: 2, dropAfterFragments: 1 });
    expect(ack).toMatchObject({ code: 200, attempts: 2 });
    expect(fake.stats.connections).toBe(connections + 1);
    await ducha.settle();
    expect(repliesTo(whole.messageId)).toHaveLength(1);
    expect(repliesTo(cut.messageId)).toHaveLength(1);
  });

  it('does not answer twice when an ack is lost with its connection and Lark sends the event again', async () => {
    const { messageId, envelope } = messageEvent(ducha.sandbox, { openId: PRINCIPAL, text: '帮助' });
    expect(await fake.deliver(envelope, { loseAck: true })).toMatchObject({ code: 200, attempts: 2 });
    await ducha.settle();
    expect(repliesTo(messageId)).toHaveLength(1);
    expect(await inboxRows(envelope.header.event_id)).toBe(1);
  });

  it('loses nothing and doubles nothing of a burst across a dropped connection', async () => {
    const said = Array.from({ length: 12 }, (_, i) => messageEvent(ducha.sandbox, { openId: `ou_demo_t${String(101 + (i % 3)).padStart(4, '0')}`, text: '帮助' }));
    const acked = said.map(({ envelope }) => fake.deliver(envelope));
    // Cut while the burst is under way: some were acknowledged, some are being handled, some not yet pushed.
    await until(() => fake.stats.acks.length > 0, 5_000, 5);
    fake.drop();
    expect((await Promise.all(acked)).every((ack) => ack.code === 200)).toBe(true);
    await ducha.settle();
    for (const { messageId } of said) expect(repliesTo(messageId)).toHaveLength(1);
  });

  it('notices a connection that went silent (no close, no pong) and connects again', async () => {
    const connections = fake.stats.connections;
    fake.silence();
    expect(await until(() => fake.stats.connections > connections && fake.openConnections() === 1, 10_000)).toBe(true);
    expect((await ducha.say(PRINCIPAL, '帮助')).replies).toHaveLength(1);
  });

  it('reports a connection Lark refuses (bad credentials) as failed, and not ready', async () => {
    fake.refuseWith(514);
    fake.drop();
    expect(await until(async () => (await readyz(ducha)).body.lark === 'failed', 10_000)).toBe(true);
    expect(await readyz(ducha)).toEqual({ status: 503, body: { ok: false, database: 'up', lark: 'failed' } });
  });
});

describe('LARK_MODE=ws with two instances on one database', () => {
  it('only the lease holder connects, and the other takes over when it stops', async () => {
    // Both on one database, which neither closes: it is closed once, after both.
    const database = await createTestDatabase();
    const shared = { ...database, close: async () => {} };
    // A lease long enough that a renewal delayed by the other's start does not hand it over.
    const lease = { ...FAST, leaseMs: 3_000 };
    const first = await startTestDucha({ roster: 'demo', env: { LARK_MODE: 'ws' }, longConnection: lease, database: shared });
    const second = await startTestDucha({ env: { LARK_MODE: 'ws' }, longConnection: lease, database: shared });
    const running = new Set([first, second]);
    try {
      expect(await until(async () => (await connected(first)) || (await connected(second)), 10_000)).toBe(true);
      const [holder, standby] = (await connected(first)) ? [first, second] : [second, first];
      expect(await readyz(standby)).toEqual({ status: 200, body: { ok: true, database: 'up', lark: 'standby' } });
      expect(standby.sandbox.longConnection!.stats.endpointRequests).toBe(0);

      running.delete(holder);
      await holder.close();
      expect(await until(() => connected(standby), 10_000)).toBe(true);
      expect((await standby.say(PRINCIPAL, '帮助')).replies).toHaveLength(1);
    } finally {
      for (const ducha of running) await ducha.close();
      await database.close();
    }
  });
});
