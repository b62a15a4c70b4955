import { describe, expect, it } from 'vitest';
import { createEventWorkers } from '../../src/lark/event-workers.js';

describe('event workers', () => {
  it('handle at most N events at once, every one of them, in the order they came, passing on results and failures', async () => {
    const workers = createEventWorkers(3);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        workers.run(async () => {
          started.push(i);
          most = Math.max(most, ++running);
          await new Promise((r) => setTimeout(r, 1 + (i % 4)));
          running--;
          if (i === 7) throw new Error('event 7 failed');
          return i;
        }),
      ),
    );
    expect(most).toBe(3);
    expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(19);
    expect(results[7]).toMatchObject({ status: 'rejected', reason: new Error('event 7 failed') });
  });
});
