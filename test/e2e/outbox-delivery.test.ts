import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordReceivedEvent } from '../../src/db/queries/inbox.js';
import { enqueueMessages, outboxKey } from '../../src/db/queries/outbox.js';
import { outbox, receivedEvents } from '../../src/db/schema/index.js';
import { deliverDueMessages } from '../../src/jobs/deliver-outbox.js';
import { buildEnvelope } from '../../src/lark/sandbox/deliver-event.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

const until = async (check: () => boolean | Promise<boolean>, ms: number) => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
};

describe('the outbox', () => {
  let ducha: TestDucha;
  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-12-03T10:00:00+08:00', roster: 'demo' });
  });
  afterAll(() => ducha?.close());

  it('is drained by the running server without being asked, as rows written elsewhere appear', async () => {
    // Written straight to the table, as the CLI's tick in another process would: nobody kicks the sender.
    await enqueueMessages(ducha.db, ducha.clock.now(), [
      { key: 'test:elsewhere', kind: 'test', to: { chatId: 'oc_demo_school_02' }, msgType: 'text', content: { text: '来自另一个进程' }, notBefore: ducha.clock.now() },
    ]);
    const arrived = await until(() => ducha.botMessages().some((m) => m.text === '来自另一个进程'), 5000);
    expect(arrived).toBe(true);
    // Lark has it; the row is marked sent right after Lark's answer.
    const rowSent = async () => (await ducha.db.select().from(outbox).where(eq(outbox.key, 'test:elsewhere')))[0]?.status === 'sent';
    expect(await until(rowSent, 2000)).toBe(true);
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
    await Promise.all([deliverDueMessages(ducha.deps), deliverDueMessages(ducha.deps), deliverDueMessages(ducha.deps)]);
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
});
