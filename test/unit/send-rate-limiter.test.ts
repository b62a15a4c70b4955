import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/cli/generate/seeded-random.js';
import { DEFAULT_SEND_LIMITS, type SendLimits } from '../../src/config.js';
import { SendRateLimiter } from '../../src/lark/outbox/send-rate-limiter.js';

/** A limiter on a hand-moved monotonic clock. */
function limiterAt(limits: SendLimits = DEFAULT_SEND_LIMITS) {
  let t = 1_000;
  const limiter = new SendRateLimiter(limits, () => t);
  return { limiter, advance: (ms: number) => (t += ms), now: () => t };
}

/** Largest count of times inside any half-open window [x, x + windowMs). */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j]! - sorted[i]! >= windowMs) i++;
    max = Math.max(max, j - i + 1);
  }
  return max;
}

describe('the send rate limiter', () => {
  it("keeps the app's budgets per API, as Lark counts them: replies go on while sending has used its minute", () => {
    const { limiter, advance } = limiterAt({ appPerSecond: 50, appPerMinute: 10, targetPerSecond: 50 });
    for (let i = 0; i < 10; i++) {
      expect(limiter.tryAcquire(`user:${i}`, 'create').ok).toBe(true);
      advance(20);
    }
    expect(limiter.tryAcquire('user:x', 'create').ok).toBe(false);
    expect(limiter.tryAcquire('chat:y', 'reply').ok).toBe(true);
    // A 429 on one API holds back that API only.
    advance(60_250);
    limiter.pauseApp(5_000, 'reply');
    expect(limiter.tryAcquire('chat:z', 'reply').ok).toBe(false);
    expect(limiter.tryAcquire('user:x', 'create').ok).toBe(true);
  });

  it('shares one target between the APIs: a chat gets 4 a second however they are sent', () => {
    const { limiter } = limiterAt();
    expect(limiter.tryAcquire('chat:a', 'create').ok).toBe(true);
    expect(limiter.tryAcquire('chat:a', 'reply').ok).toBe(false);
  });

  it('spaces sends to one target evenly at its rate, and says how long to wait', () => {
    const { limiter, advance } = limiterAt();
    expect(limiter.tryAcquire('chat:a')).toEqual({ ok: true });
    const refused = limiter.tryAcquire('chat:a');
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.waitMs).toBeCloseTo(250);
    advance(249);
    expect(limiter.tryAcquire('chat:a').ok).toBe(false);
    advance(1);
    expect(limiter.tryAcquire('chat:a').ok).toBe(true);
  });

  it('lets other targets go while one is saturated, within the app budget', () => {
    const { limiter, advance } = limiterAt({ appPerSecond: 1000, appPerMinute: 100_000, targetPerSecond: 4 });
    expect(limiter.tryAcquire('chat:busy').ok).toBe(true);
    advance(1);
    expect(limiter.tryAcquire('chat:busy').ok).toBe(false);
    expect(limiter.tryAcquire('chat:other').ok).toBe(true);
    advance(1);
    expect(limiter.tryAcquire('user:ou_1').ok).toBe(true);
  });

  it('spaces the whole app at its own rate', () => {
    const { limiter, advance } = limiterAt({ appPerSecond: 10, appPerMinute: 100_000, targetPerSecond: 4 });
    expect(limiter.tryAcquire('chat:a').ok).toBe(true);
    expect(limiter.waitMs('chat:b')).toBeCloseTo(100);
    advance(100);
    expect(limiter.tryAcquire('chat:b').ok).toBe(true);
  });

  it('keeps to the per-minute budget over a rolling minute, plus the 250 ms arrivals may jitter', () => {
    const { limiter, advance } = limiterAt({ appPerSecond: 1000, appPerMinute: 5, targetPerSecond: 1000 });
    for (let i = 0; i < 5; i++) {
      expect(limiter.tryAcquire(`chat:${i}`).ok).toBe(true);
      advance(10);
    }
    expect(limiter.waitMs('chat:x')).toBeCloseTo(60_250 - 50);
    advance(60_250 - 50);
    expect(limiter.tryAcquire('chat:x').ok).toBe(true);
    expect(limiter.tryAcquire('chat:y').ok).toBe(false);
  });

  it('holds every target back while Lark asks the app to wait (429), and one target after a 230020', () => {
    const { limiter, advance } = limiterAt();
    limiter.pauseApp(1_000);
    expect(limiter.waitMs('chat:a')).toBe(1_000);
    expect(limiter.tryAcquire('user:b').ok).toBe(false);
    advance(1_000);
    expect(limiter.tryAcquire('user:b').ok).toBe(true);
    advance(100);
    limiter.pauseTarget('chat:c', 2_000);
    expect(limiter.waitMs('chat:c')).toBe(2_000);
    expect(limiter.tryAcquire('chat:d').ok).toBe(true);
  });

  it('refuses limits that are not positive', () => {
    expect(() => new SendRateLimiter({ appPerSecond: 0, appPerMinute: 900, targetPerSecond: 4 })).toThrow(/appPerSecond/);
  });

  it('never lets any 1-second window hold more than 5 per target or 50 for the app, nor any minute 1,000, under random load', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rand = seededRandom(seed);
      const { limiter, advance, now } = limiterAt();
      const sent = new Map<string, number[]>();
      const all: number[] = [];
      // Callers knock at random moments for random targets (a few hot ones, many cold).
      for (let step = 0; step < 80_000; step++) {
        advance(rand() * 4);
        const target = rand() < 0.7 ? `chat:hot${Math.floor(rand() * 3)}` : `user:${Math.floor(rand() * 500)}`;
        if (limiter.tryAcquire(target).ok) {
          all.push(now());
          sent.set(target, [...(sent.get(target) ?? []), now()]);
        }
      }
      // Even with arrivals jittered by up to 240 ms, Lark's windows stay within its limits.
      const jitter = (t: number) => t + rand() * 240;
      for (const times of sent.values()) expect(maxInWindow(times.map(jitter), 1000)).toBeLessThanOrEqual(5);
      expect(maxInWindow(all, 1000)).toBeLessThanOrEqual(40);
      expect(maxInWindow(all.map(jitter), 1000)).toBeLessThanOrEqual(50);
      const perMinute = DEFAULT_SEND_LIMITS.appPerMinute;
      expect(maxInWindow(all, 60_000)).toBeLessThanOrEqual(perMinute);
      expect(maxInWindow(all.map(jitter), 60_000)).toBeLessThanOrEqual(1000);
      // And it is not idle: the app used nearly all it may (40/s until each minute's budget is spent).
      const seconds = (now() - 1_000) / 1000;
      const minutes = Math.floor(seconds / 60.25);
      const allowed = minutes * perMinute + Math.min(perMinute, 40 * (seconds - minutes * 60.25));
      expect(seconds).toBeGreaterThan(120);
      expect(all.length).toBeGreaterThan(0.95 * allowed);
    }
  });
});
