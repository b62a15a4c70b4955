import { describe, expect, it } from 'vitest';
import { createInlineGate } from '../../src/lark/webhook/inline-gate.js';

/** A gate on a hand-moved clock, with work that finishes when the test says. */
function harness(options = { maxInFlight: 2, budgetMs: 1_000, coolDownMs: 5_000 }) {
  let at = 0;
  const gate = createInlineGate({ ...options, now: () => at });
  const begin = () => {
    let finish!: () => void;
    const running = gate.run(() => new Promise<void>((resolve) => (finish = resolve)));
    return { done: async (afterMs = 0) => ((at += afterMs), finish(), await running) };
  };
  return { gate, begin, advance: (ms: number) => (at += ms) };
}

describe('the inline gate (events handled inside their request, or stored)', () => {
  it('admits events until as many as allowed are being handled, and again once one finishes', async () => {
    const { gate, begin } = harness();
    expect(gate.admits()).toBe(true);
    const first = begin();
    const second = begin();
    expect(gate.admits()).toBe(false);
    await first.done(10);
    expect(gate.admits()).toBe(true);
    await second.done();
  });

  it('after one handling took longer than the budget, stores events for the cool-down, then handles inline again', async () => {
    const { gate, begin, advance } = harness();
    await begin().done(1_001);
    expect(gate.admits()).toBe(false);
    advance(4_999);
    expect(gate.admits()).toBe(false);
    advance(1);
    expect(gate.admits()).toBe(true);
  });

  it('a handling within the budget does not close it, and a failed one frees its place', async () => {
    const { gate, begin } = harness({ maxInFlight: 1, budgetMs: 1_000, coolDownMs: 5_000 });
    await begin().done(1_000);
    expect(gate.admits()).toBe(true);
    await expect(gate.run(() => Promise.reject(new Error('deadlock')))).rejects.toThrow('deadlock');
    expect(gate.admits()).toBe(true);
  });
});
