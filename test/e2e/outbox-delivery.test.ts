import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordReceivedEvent } from '../../src/db/queries/inbox.js';
import { claimDueMessages, enqueueMessages, outboxKey, type MessageTarget } from '../../src/db/queries/outbox.js';
import { outbox, receivedEvents } from '../../src/db/schema/index.js';
import { buildEnvelope } from '../../src/lark/sandbox/deliver-event.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { sleep, until } from '../helpers/until.js';

describe('the outbox', () => {
  let ducha: TestDucha;
  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-12-03T10:00:00+08:00', roster: 'demo' });
  });
  afterAll(() => ducha?.close());

  const queue = (prefix: string, targets: MessageTarget[], notBefore = ducha.clock.now()) =>
    enqueueMessages(
      ducha.db,
      ducha.clock.now(),
      targets.map((to, i) => ({ key: outboxKey(prefix, i), kind: 'test', to, msgType: 'text' as const, content: { text: `${prefix} ${i}` }, notBefore })),
    );
  const rowsOf = (prefix: string) => ducha.db.select().from(outbox).where(like(outbox.key, `${prefix}:%`)).orderBy(outbox.id);

  it('is drained by the running server without being asked, as rows written elsewhere appear', async () => {
    // Written straight to the table, as the CLI's tick in another process would: nobody kicks the sender.
    await enqueueMessages(ducha.db, ducha.clock.now(), [
      { key: 'test:elsewhere', kind: 'test', to: { chatId: 'oc_demo_school_02' }, msgType: 'text', content: { text: '来自另一个进程' }, notBefore: ducha.clock.now() },
    ]);
    const arrived = await until(() => ducha.botMessages().some((m) => m.text === '来自另一个进程'), 5000, 50);
    expect(arrived).toBe(true);
    // Lark has it; the row is marked sent right after Lark's answer.
    const rowSent = async () => (await ducha.db.select().from(outbox).where(eq(outbox.key, 'test:elsewhere')))[0]?.status === 'sent';
    expect(await until(rowSent, 2000, 50)).toBe(true);
    const [row] = await ducha.db.select().from(outbox).where(eq(outbox.key, 'test:elsewhere'));
    expect(row?.larkMessageId).toMatch(/^om_/);
  });

  it('holds a row until its time comes on the app clock', async () => {
    const later = new Date(ducha.clock.now().getTime() + 60 * 60 * 1000);
    await enqueueMessages(ducha.db, ducha.clock.now(), [
      { key: 'test:later', kind: 'test', to: { openId: 'ou_demo_p02' }, msgType: 'text', content: { text: '一小时后' }, notBefore: later },
    ]);
    await ducha.settle();
    expect(ducha.botMessages().some((m) => m.text === '一小时后')).toBe(false);
    ducha.clock.set(later);
    await ducha.settle();
    expect(ducha.botMessages().filter((m) => m.text === '一小时后')).toHaveLength(1);
  });

  it('queues a key once, and sends each row once even with several senders racing', async () => {
    const now = ducha.clock.now();
    const rows = Array.from({ length: 30 }, (_, i) => ({
      key: outboxKey('race', i),
      kind: 'test',
      to: { chatId: `oc_demo_school_${String((i % 16) + 1).padStart(2, '0')}` },
      msgType: 'text' as const,
      content: { text: `race ${i}` },
      notBefore: now,
    }));
    expect(await enqueueMessages(ducha.db, now, rows)).toBe(30);
    expect(await enqueueMessages(ducha.db, now, rows)).toBe(0);
    await Promise.all([ducha.deps.outbox.drain(), ducha.deps.outbox.drain(), ducha.deps.outbox.drain()]);
    await ducha.settle();
    for (const row of rows) expect(ducha.sandbox.sendRequests.get(row.key)).toBe(1);
    expect(ducha.botMessages().filter((m) => m.text.startsWith('race '))).toHaveLength(30);
  });

  it('keeps a long key within Lark uuid limit of 50 characters, stably', () => {
    const key = outboxKey('reply', 'om_' + 'a'.repeat(60));
    expect(key.length).toBeLessThanOrEqual(50);
    expect(outboxKey('reply', 'om_' + 'a'.repeat(60))).toBe(key);
  });

  it('dead-letters a message Lark refuses for good, with the reason, and sends nothing', async () => {
    ducha.sandbox.chatsWithoutBot.add('oc_demo_school_16');
    await enqueueMessages(ducha.db, ducha.clock.now(), [
      { key: 'test:gone', kind: 'test', to: { chatId: 'oc_demo_school_16' }, msgType: 'text', content: { text: '机器人已被移出' }, notBefore: ducha.clock.now() },
    ]);
    await ducha.settle();
    const [row] = await ducha.db.select().from(outbox).where(eq(outbox.key, 'test:gone'));
    expect(row?.status).toBe('dead');
    expect(row?.lastError).toContain('230002');
    expect(ducha.botMessages().some((m) => m.text === '机器人已被移出')).toBe(false);
    ducha.sandbox.chatsWithoutBot.delete('oc_demo_school_16');
  });

  it('handles an event that was acknowledged but never processed (the process died) on the next tick', async () => {
    const said = ducha.sandbox.add({
      chat_id: 'oc_p2p_ou_demo_t0301', chat_type: 'p2p', msg_type: 'text', content: { text: '我的' }, text: '我的',
      receive_id_type: null, receive_id: null, parent_id: null, uuid: null, sender: { type: 'user', open_id: 'ou_demo_t0301' },
    });
    const envelope = buildEnvelope(ducha.sandbox, 'im.message.receive_v1', {
      sender: { sender_id: { open_id: 'ou_demo_t0301' }, sender_type: 'user' },
      message: { message_id: said.message_id, chat_id: said.chat_id, chat_type: 'p2p', message_type: 'text', content: JSON.stringify({ text: '我的' }) },
    });
    // Stored as the webhook stores it, but its handler never ran.
    await recordReceivedEvent(ducha.db, {
      eventId: envelope.header.event_id, messageId: said.message_id, eventType: 'im.message.receive_v1',
      payload: envelope, receivedAt: ducha.clock.now(),
    });
    ducha.clock.set(new Date(ducha.clock.now().getTime() + 60_000));
    const report = await ducha.tick();
    expect(report.recovered.retried).toBe(1);
    const replies = ducha.botMessages().filter((m) => m.parent_id === said.message_id);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain('还没有填报 2026-12');
    const [event] = await ducha.db.select().from(receivedEvents).where(eq(receivedEvents.eventId, envelope.header.event_id));
    expect(event?.processedAt).not.toBeNull();
    expect(event?.payload).toBeNull();
    // A second tick finds nothing left to do.
    expect((await ducha.tick()).recovered.retried).toBe(0);
  });

  it('keeps within Lark limits under a burst, measured where the sandbox receives it, and starves no one', { timeout: 120_000 }, async () => {
    ducha.sandbox.rateMonitor.clear();
    const busyChats = ['oc_burst_a', 'oc_burst_b', 'oc_burst_c'];
    const busyUsers = ['ou_burst_a', 'ou_burst_b'];
    await queue('burst-chats', Array.from({ length: 300 }, (_, i) => ({ chatId: busyChats[i % 3]! })));
    await queue('burst-users', Array.from({ length: 200 }, (_, i) => ({ openId: busyUsers[i % 2]! })));
    // Queued last, to many different people and chats: they must not wait behind the busy ones.
    await queue('burst-others', Array.from({ length: 250 }, (_, i) => (i % 2 ? { chatId: `oc_burst_other_${i}` } : { openId: `ou_burst_other_${i}` })));
    const started = performance.now();
    await ducha.settle(110_000);
    const seconds = (performance.now() - started) / 1000;

    for (const prefix of ['burst-chats', 'burst-users', 'burst-others']) {
      const rows = await rowsOf(prefix);
      expect(rows.every((r) => r.status === 'sent')).toBe(true);
      for (const row of rows) expect(ducha.sandbox.sendRequests.get(row.key)).toBe(1);
    }
    const monitor = ducha.sandbox.rateMonitor;
    expect(monitor.count).toBe(750);
    const busiest = monitor.busiestTarget(1000);
    const app = monitor.maxForAnyApi(1000);
    expect(busiest.max).toBeLessThanOrEqual(5);
    expect(app).toBeLessThanOrEqual(50);
    expect(monitor.maxForAnyApi(60_000)).toBeLessThanOrEqual(1000);
    // Queued after 500 busy ones, the others still got their share of the app budget at once:
    // in first-come order they would all have waited ~25 s for the busy targets (4/s each).
    const arrived = ducha.botMessages().map((m) => m.uuid ?? '');
    const busyArrived = arrived.filter((uuid) => uuid.startsWith('burst-chats:') || uuid.startsWith('burst-users:'));
    const busySentBeforeLastOther = busyArrived.filter((uuid) => arrived.indexOf(uuid) < arrived.lastIndexOf(arrived.filter((u) => u.startsWith('burst-others:')).at(-1)!)).length;
    expect(busySentBeforeLastOther).toBeLessThan(350);
    console.info(
      `burst of 750: ${seconds.toFixed(1)} s; busiest 1-s window per target ${busiest.max} (${busiest.target}), ` +
        `per app ${app}; busiest minute ${monitor.maxForAnyApi(60_000)}; busy messages sent before the last other one ${busySentBeforeLastOther}`,
    );
  });

  it('re-sends what a dead sender had claimed once its lease is over, once each', async () => {
    // Due in ten minutes, so the running server's pump leaves them alone until the test says so.
    const due = new Date(ducha.clock.now().getTime() + 10 * 60_000);
    await queue('orphan', Array.from({ length: 6 }, (_, i) => ({ chatId: `oc_demo_school_0${(i % 3) + 1}` })), due);
    // A sender claims them, then dies before sending anything.
    const claimed = await claimDueMessages(ducha.db, due, 60_000, 50);
    expect(claimed.filter((r) => r.key.startsWith('orphan:'))).toHaveLength(6);
    // Still within the lease: nobody else touches them.
    ducha.clock.set(new Date(due.getTime() + 30_000));
    await ducha.deps.outbox.drain();
    expect((await rowsOf('orphan')).every((r) => r.status === 'sending')).toBe(true);

    ducha.clock.set(new Date(due.getTime() + 61_000));
    await ducha.settle(60_000);
    const rows = await rowsOf('orphan');
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array(6).fill(['sent', 2]));
    for (const row of rows) expect(ducha.sandbox.sendRequests.get(row.key)).toBe(1);
  });

  it('sends one message when the sender died after Lark accepted but before it recorded so', async () => {
    const due = new Date(ducha.clock.now().getTime() + 10 * 60_000);
    await queue('accepted', [{ openId: 'ou_demo_t0102' }], due);
    const [row] = await claimDueMessages(ducha.db, due, 60_000, 50);
    // Lark got it (the same request the sender makes, uuid = key); then the process died.
    const first = await ducha.deps.lark.client.im.message.create({
      params: { receive_id_type: 'open_id' },
      data: { receive_id: row!.receiveId!, msg_type: row!.msgType, content: row!.content, uuid: row!.key },
    });
    ducha.clock.set(new Date(due.getTime() + 61_000));
    await ducha.settle(60_000);
    const [after] = await rowsOf('accepted');
    expect(after).toMatchObject({ status: 'sent', larkMessageId: first.data!.message_id });
    // Two requests, one message: Lark's uuid window (an hour) covers the one-minute lease.
    expect(ducha.sandbox.sendRequests.get(row!.key)).toBe(2);
    expect(ducha.botMessages().filter((m) => m.uuid === row!.key)).toHaveLength(1);
  });

  it('gives back, on stop, what it claimed and had not sent, and all of it goes later, once', async () => {
    // Due in ten minutes: only the drain under test (told it is that time) takes them.
    const due = new Date(ducha.clock.now().getTime() + 10 * 60_000);
    await queue('stopping', Array.from({ length: 12 }, () => ({ chatId: 'oc_demo_school_04' })), due);
    const stop = new AbortController();
    const running = ducha.deps.outbox.drain({ now: due, stop: stop.signal });
    // Stopped once the first has gone: at 4/s into one chat the rest are still held.
    const sentSoFar = () => ducha.botMessages().filter((m) => m.text.startsWith('stopping ')).length;
    for (let waited = 0; sentSoFar() === 0 && waited < 10_000; waited += 20) await sleep(20);
    stop.abort();
    const report = await running;
    expect(report.sent).toBeGreaterThan(0);
    expect(report.released).toBeGreaterThan(0);
    expect((await rowsOf('stopping')).filter((r) => r.status === 'pending')).toHaveLength(12 - report.sent);
    ducha.clock.set(due);
    await ducha.settle(60_000);
    const rows = await rowsOf('stopping');
    // A row given back does not count as an attempt.
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array(12).fill(['sent', 1]));
    for (const row of rows) expect(ducha.sandbox.sendRequests.get(row.key)).toBe(1);
    const texts = ducha.botMessages().filter((m) => m.chat_id === 'oc_demo_school_04' && m.text.startsWith('stopping '));
    expect(texts.map((m) => m.text)).toEqual(rows.map((_, i) => `stopping ${i}`));
  });
});
