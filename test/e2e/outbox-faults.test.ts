import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueMessages, outboxKey, type MessageTarget } from '../../src/db/queries/outbox.js';
import { outbox, people } from '../../src/db/schema/index.js';
import { DEAD_LETTER_ALERT_KIND } from '../../src/lark/outbox/alert-admins-of-dead-letter.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { sleep } from '../helpers/until.js';

// Lark's trouble, played by the sandbox, against the real sender and the real SDK.
describe('the outbox when Lark is in trouble', () => {
  let ducha: TestDucha;
  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-12-03T10:00:00+08:00', roster: 'demo' });
  });
  afterAll(() => ducha?.close());
  beforeEach(() => {
    ducha.sandbox.faults.length = 0;
  });

  const at = (ms: number) => new Date(ducha.clock.now().getTime() + ms);
  const queue = (prefix: string, targets: MessageTarget[], options: { createdAt?: Date } = {}) =>
    enqueueMessages(
      ducha.db,
      options.createdAt ?? ducha.clock.now(),
      targets.map((to, i) => ({ key: outboxKey(prefix, i), kind: 'test', to, msgType: 'text' as const, content: { text: `${prefix} ${i}` }, notBefore: ducha.clock.now() })),
    );
  const rowsOf = (prefix: string) => ducha.db.select().from(outbox).where(like(outbox.key, `${prefix}:%`)).orderBy(outbox.id);
  const acceptedWithUuid = (uuid: string) => ducha.botMessages().filter((m) => m.uuid === uuid);
  const chat = (n: number) => ({ chatId: `oc_demo_school_${String(n).padStart(2, '0')}` });

  it('rides out a 429 storm: waits for the reset, loses nothing, sends each uuid once, counts no attempt', async () => {
    ducha.sandbox.faults.push({ times: 4, respond: { status: 429, code: 99991400, resetSeconds: 1 } });
    const started = performance.now();
    await queue('storm', Array.from({ length: 20 }, (_, i) => chat((i % 5) + 1)));
    await ducha.settle();
    // At least one reset of a second was waited out.
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    expect(ducha.sandbox.faults[0]!.times).toBe(0);
    const rows = await rowsOf('storm');
    expect(rows.map((r) => r.status)).toEqual(Array(20).fill('sent'));
    expect(rows.every((r) => r.attempts === 1 && r.lastError === null)).toBe(true);
    for (const row of rows) expect(acceptedWithUuid(row.key)).toHaveLength(1);
    const requests = rows.reduce((n, r) => n + ducha.sandbox.sendRequests.get(r.key)!, 0);
    expect(requests).toBe(20 + 4);
  });

  it('retries a 5xx burst with growing, jittered backoff, and then delivers', async () => {
    const failing = chat(6);
    ducha.sandbox.faults.push({ match: { chatId: failing.chatId }, times: 4, respond: { status: 503 } });
    await queue('burst5xx', [failing, failing, chat(7)]);
    await ducha.settle();
    let rows = await rowsOf('burst5xx');
    expect(rows.map((r) => r.status)).toEqual(['pending', 'pending', 'sent']);
    for (const row of rows.slice(0, 2)) {
      expect(row.lastError).toMatch(/^\[http-503\]/);
      const waitMs = row.notBefore.getTime() - ducha.clock.now().getTime();
      expect(waitMs).toBeGreaterThanOrEqual(2_500);
      expect(waitMs).toBeLessThanOrEqual(5_000);
    }
    // Not due yet: nothing is sent before its time.
    await ducha.settle();
    expect(acceptedWithUuid(rows[0]!.key)).toHaveLength(0);

    ducha.clock.set(at(5_000));
    await ducha.settle();
    rows = await rowsOf('burst5xx');
    // Second failure: the wait doubles (5–10 s).
    const secondWait = rows[0]!.notBefore.getTime() - ducha.clock.now().getTime();
    expect(secondWait).toBeGreaterThanOrEqual(5_000);
    expect(secondWait).toBeLessThanOrEqual(10_000);

    ducha.clock.set(at(10_000));
    await ducha.settle();
    rows = await rowsOf('burst5xx');
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    expect(rows.map((r) => r.attempts)).toEqual([3, 3, 1]);
    for (const row of rows) expect(acceptedWithUuid(row.key)).toHaveLength(1);
  });

  it('backs off on 230020 (the chat limit) and delivers once the chat calms down', async () => {
    ducha.sandbox.faults.push({ match: { chatId: chat(8).chatId }, times: 1, respond: { status: 400, code: 230020 } });
    await queue('chatlimit', [chat(8)]);
    await ducha.settle();
    let [row] = await rowsOf('chatlimit');
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.lastError).toMatch(/^\[230020\]/);
    ducha.clock.set(at(5_000));
    await ducha.settle();
    [row] = await rowsOf('chatlimit');
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('backs off when the connection drops, and a retry after a lost answer is deduplicated by uuid', async () => {
    ducha.sandbox.faults.push({ match: { chatId: chat(5).chatId }, times: 1, respond: { drop: 'before-accepting' } });
    ducha.sandbox.faults.push({ match: { chatId: chat(4).chatId }, times: 1, respond: { drop: 'after-accepting' } });
    await queue('dropped', [chat(5), chat(4)]);
    await ducha.settle();
    let rows = await rowsOf('dropped');
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row.lastError).toMatch(/^\[network\] /);
      expect(row.failingSince).not.toBeNull();
    }
    // Lark took the second one although we never heard so.
    expect(rows.map((r) => acceptedWithUuid(r.key).length)).toEqual([0, 1]);
    ducha.clock.set(at(5_000));
    await ducha.settle();
    rows = await rowsOf('dropped');
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
      expect(acceptedWithUuid(row.key)).toHaveLength(1);
      expect(ducha.sandbox.sendRequests.get(row.key)).toBe(2);
    }
    expect(rows[1]!.larkMessageId).toBe(acceptedWithUuid(rows[1]!.key)[0]!.message_id);
  });

  it('waits out a slow answer, and keeps that chat in order', async () => {
    const slow = chat(9);
    ducha.sandbox.faults.push({ match: { chatId: slow.chatId }, times: 1, respond: { delayMs: 1500 } });
    await queue('slow', [slow, ...[10, 11, 12, 13, 14, 15].map(chat), { openId: 'ou_demo_t0101' }, slow]);
    await ducha.settle();
    expect((await rowsOf('slow')).every((r) => r.status === 'sent')).toBe(true);
    const order = ducha.botMessages().filter((m) => m.uuid?.startsWith('slow:')).map((m) => m.uuid);
    expect(order).toHaveLength(9);
    // The chat's second message went only after its first was answered.
    expect(order.indexOf(outboxKey('slow', 0))).toBeLessThan(order.indexOf(outboxKey('slow', 8)));
  });

  it('delivers to everyone else while one answer hangs (no timing: the answer waits for them)', async () => {
    let answer!: () => void;
    const hung = chat(3);
    ducha.sandbox.faults.push({ match: { chatId: hung.chatId }, times: 1, respond: { heldUntil: new Promise<void>((r) => (answer = r)) } });
    await queue('hung', [hung, ...[10, 11, 12, 13].map(chat), { openId: 'ou_demo_t0104' }, hung]);
    const draining = ducha.settle();
    // If anything else waited behind the hung request, this would never end (test timeout).
    while (ducha.botMessages().filter((m) => m.uuid?.startsWith('hung:')).length < 5) await sleep(20);
    expect(acceptedWithUuid(outboxKey('hung', 6))).toHaveLength(0);
    answer();
    await draining;
    const order = ducha.botMessages().filter((m) => m.uuid?.startsWith('hung:')).map((m) => m.uuid);
    expect(order.slice(-2)).toEqual([outboxKey('hung', 0), outboxKey('hung', 6)]);
    expect((await rowsOf('hung')).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  describe('dead letters', () => {
    const alerts = () => ducha.db.select().from(outbox).where(eq(outbox.kind, DEAD_LETTER_ALERT_KIND)).orderBy(outbox.id);
    const adminMessages = () => ducha.botMessages().filter((m) => m.receive_id === 'ou_demo_a1');
    const today = () => ducha.clock.now().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

    it('are kept with their reason, and the admins get one alert per kind per day, counting them', async () => {
      const [admin] = await ducha.db.select().from(people).where(eq(people.openId, 'ou_demo_a1'));
      ducha.sandbox.faults.push({ match: { chatId: chat(16).chatId }, times: 3, respond: { status: 400, code: 230002 } });
      await queue('gone', [chat(16), chat(16), chat(16)]);
      await ducha.settle();
      const rows = await rowsOf('gone');
      expect(rows.map((r) => r.status)).toEqual(['dead', 'dead', 'dead']);
      for (const row of rows) {
        expect(row.lastError).toBe('[230002] The bot can not be outside the group. (http 400)');
        expect(row.deadAt?.toISOString()).toMatch(/^2026-12-03T02:00/);
      }
      expect(acceptedWithUuid(rows[0]!.key)).toHaveLength(0);

      // One alert for the three, gathered for a few minutes before it goes.
      let queued = await alerts();
      expect(queued).toHaveLength(1);
      expect(queued[0]).toMatchObject({ key: `alert:230002:${today()}:${admin!.id}`, receiveId: 'ou_demo_a1', status: 'pending' });
      ducha.clock.set(at(5 * 60_000));
      await ducha.settle();
      expect(adminMessages()).toHaveLength(1);
      expect(adminMessages()[0]!.text).toContain(`${today()} 有 3 条消息发不出去`);
      expect(adminMessages()[0]!.text).toContain('230002');
      expect(adminMessages()[0]!.text).toContain('机器人不在群里');

      // The same failure later that day: no second alert.
      ducha.sandbox.faults.push({ match: { chatId: chat(16).chatId }, times: 1, respond: { status: 400, code: 230002 } });
      await queue('gone-again', [chat(16)]);
      await ducha.settle();
      ducha.clock.set(at(10 * 60_000));
      await ducha.settle();
      expect((await rowsOf('gone-again'))[0]!.status).toBe('dead');
      expect(await alerts()).toHaveLength(1);
      expect(adminMessages()).toHaveLength(1);

      // Another kind of failure the same day is a new alert; an alert that dies alerts no one.
      ducha.sandbox.faults.push({ match: { chatId: chat(15).chatId }, times: 1, respond: { status: 400, code: 230099 } });
      ducha.sandbox.faults.push({ match: { receiveId: 'ou_demo_a1' }, times: 1, respond: { status: 400, code: 230013 } });
      await queue('badcard', [chat(15)]);
      await ducha.settle();
      ducha.clock.set(at(10 * 60_000));
      await ducha.settle();
      queued = await alerts();
      expect(queued.map((a) => [a.key.split(':')[1], a.status])).toEqual([['230002', 'sent'], ['230099', 'dead']]);
      expect(adminMessages()).toHaveLength(1);
    });

    it('gives up on a message that kept failing for 24 hours, counted from its first failure', async () => {
      // Queued three days ahead (a round opening before a long weekend): its first failure is
      // the start of its day of retries, not the end of it.
      ducha.sandbox.faults.push({ match: { uuid: outboxKey('ahead', 0) }, times: 1, respond: { status: 500 } });
      await queue('ahead', [chat(14)], { createdAt: at(-3 * 24 * 60 * 60_000) });
      await ducha.settle();
      expect((await rowsOf('ahead'))[0]).toMatchObject({ status: 'pending', attempts: 1 });

      // Failing every time: retried with growing backoff until a day has passed since the first
      // failure, then dead (the clock jumps most of the day to keep the test short).
      const firstFailure = ducha.clock.now().getTime();
      ducha.sandbox.faults.push({ match: { uuid: outboxKey('doomed', 0) }, times: Infinity, respond: { status: 502 } });
      await queue('doomed', [chat(13)]);
      await ducha.settle();
      ducha.clock.set(at(23 * 60 * 60_000));
      let row = (await rowsOf('doomed'))[0]!;
      const waits: number[] = [];
      for (let i = 0; i < 100 && row.status !== 'dead'; i++) {
        const before = ducha.clock.now().getTime();
        await ducha.settle();
        row = (await rowsOf('doomed'))[0]!;
        waits.push(row.notBefore.getTime() - before);
        ducha.clock.set(row.notBefore);
      }
      expect(row.status).toBe('dead');
      expect(row.lastError).toBe('[http-502] upstream connect error (http 502)');
      expect(row.failingSince?.getTime()).toBe(firstFailure);
      // Given up exactly a day after the first failure.
      expect(row.deadAt!.getTime() - firstFailure).toBe(24 * 60 * 60_000);
      expect(waits[5]! / waits[2]!).toBeGreaterThan(2);
      expect(row.attempts).toBeGreaterThan(8);
      expect(row.attempts).toBeLessThan(16);
      expect(ducha.sandbox.sendRequests.get(row.key)).toBe(row.attempts);
      const kinds = (await alerts()).map((a) => a.key.split(':')[1]);
      expect(kinds).toContain('http-502');
    });

    it('wait for the sending window before alerting: a Friday-evening failure is told on Monday morning', async () => {
      ducha.clock.set(new Date('2026-12-04T17:58:00+08:00'));
      ducha.sandbox.faults.push({ match: { receiveId: 'ou_demo_t0103' }, times: 1, respond: { status: 400, code: 230053 } });
      await queue('stopped-bot', [{ openId: 'ou_demo_t0103' }]);
      await ducha.settle();
      const alert = (await alerts()).find((a) => a.key.startsWith('alert:230053:2026-12-04:'));
      expect(alert?.notBefore).toEqual(new Date('2026-12-07T08:00:00+08:00'));
      expect(alert?.content).toContain('对方已停用机器人');
    });
  });
});
