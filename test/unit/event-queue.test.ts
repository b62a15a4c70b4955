import { describe, expect, it } from 'vitest';
import { createEventQueue, type QueuedEvent } from '../../src/lark/webhook/event-queue.js';
import { sleep } from '../helpers/until.js';

/**
 * The queue against a stand-in for received_events: events are "stored" before they are
 * submitted, as the webhook does, and marked handled by the handler.
 */
function harness(options: { concurrency: number; maxWaiting: number; handleMs?: (id: number) => number; failReads?: number }) {
  const stored: { eventId: string; handled: boolean; failed: boolean }[] = [];
  const started: string[] = [];
  const errors: unknown[] = [];
  let running = 0;
  let mostAtOnce = 0;
  let failReads = options.failReads ?? 0;
  const reads: number[] = [];
  let tracked = 0;
  const queue = createEventQueue({
    track: () => tracked++,
    concurrency: options.concurrency,
    maxWaiting: options.maxWaiting,
    retryMs: 5,
    async handle({ eventId, payload }) {
      started.push(eventId);
      mostAtOnce = Math.max(mostAtOnce, ++running);
      const n = Number(eventId.slice(2));
      await sleep(options.handleMs?.(n) ?? 1);
      running--;
      const row = stored.find((e) => e.eventId === eventId)!;
      expect(payload).toEqual({ n });
      if (n === 7) {
        row.failed = true;
        throw new Error('event 7 failed');
      }
      row.handled = true;
    },
    async readBacklog(limit, skip) {
      await sleep(1);
      if (failReads-- > 0) throw new Error('database away');
      const rows = stored.filter((e) => !e.handled && !e.failed && !skip.includes(e.eventId)).slice(0, limit);
      reads.push(rows.length);
      return rows.map((e) => ({ eventId: e.eventId, payload: { n: Number(e.eventId.slice(2)) } }));
    },
    onError: (error) => errors.push(error),
  });
  const submit = (n: number) => {
    const event: QueuedEvent = { eventId: `ev${n}`, payload: { n } };
    stored.push({ eventId: event.eventId, handled: false, failed: false });
    queue.submit(event);
  };
  return { queue, submit, stored, started, errors, reads, mostAtOnce: () => mostAtOnce, tracked: () => tracked };
}

describe('the event queue', () => {
  it('handles at most N at once, every event once, in the order they came, reporting failures', async () => {
    const h = harness({ concurrency: 3, maxWaiting: 100, handleMs: (n) => 1 + (n % 4) });
    for (let i = 0; i < 20; i++) h.submit(i);
    await h.queue.drained();
    expect(h.mostAtOnce()).toBe(3);
    expect(h.started).toEqual(Array.from({ length: 20 }, (_, i) => `ev${i}`));
    expect(h.stored.filter((e) => e.handled)).toHaveLength(19);
    expect(h.errors).toEqual([new Error('event 7 failed')]);
    expect(h.reads).toEqual([]);
  });

  it('leaves a flood beyond its line in the table and handles all of it from there, oldest first, once each', async () => {
    const h = harness({ concurrency: 2, maxWaiting: 5 });
    for (let i = 0; i < 60; i++) h.submit(i);
    // Arriving while the backlog is being worked off: they queue behind it, not ahead.
    await sleep(3);
    for (let i = 60; i < 65; i++) h.submit(i);
    await h.queue.drained();
    expect(h.started).toEqual(Array.from({ length: 65 }, (_, i) => `ev${i}`));
    expect(h.stored.filter((e) => !e.handled).map((e) => e.eventId)).toEqual(['ev7']);
    // Read back in lines of at most 5, never all of it at once.
    expect(Math.max(...h.reads)).toBeLessThanOrEqual(5);
    expect(h.reads.length).toBeGreaterThan(5);
  });

  it('reads the table again after a failed read, and reports the failure', async () => {
    const h = harness({ concurrency: 1, maxWaiting: 2, failReads: 2 });
    for (let i = 0; i < 10; i++) h.submit(i);
    await h.queue.drained();
    expect(h.started).toEqual(Array.from({ length: 10 }, (_, i) => `ev${i}`));
    expect(h.errors.filter((e) => String(e).includes('database away'))).toHaveLength(2);
  });

  it('is drained at once when idle, only once the table backlog is worked off otherwise, and says so once per busy spell', async () => {
    const h = harness({ concurrency: 1, maxWaiting: 1, handleMs: () => 3 });
    await h.queue.drained();
    for (let i = 0; i < 6; i++) h.submit(i);
    await h.queue.drained();
    expect(h.started).toHaveLength(6);
    expect(h.stored.filter((e) => e.handled)).toHaveLength(6);
    h.submit(6);
    await h.queue.drained();
    expect(h.tracked()).toBe(2);
  });
});
