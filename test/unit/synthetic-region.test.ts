import { describe, expect, it } from 'vitest';
import { apportion, planMonthlyRounds, planSyntheticRegion, REGION_SIZES } from '../../src/cli/generate/synthetic-region.js';

const SCHEDULE = { opens: { day: 1, time: '09:00' }, due: { day: 25, time: '18:00' } };
const TZ = 'Asia/Shanghai';
const plan = (scale: keyof typeof REGION_SIZES, seed = 1, now = new Date('2026-11-29T14:50:00Z')) =>
  planSyntheticRegion({ size: REGION_SIZES[scale], seed, years: 3, now, timezone: TZ, schedule: SCHEDULE });

describe('the synthetic region plan', () => {
  it.each(['county', 'province'] as const)('a %s has the sizes of the issue, unique names and chat ids', (scale) => {
    const p = plan(scale);
    const size = REGION_SIZES[scale];
    expect(p.towns).toHaveLength(size.counties * size.townsPerCounty);
    expect(p.schools).toHaveLength(scale === 'county' ? 30 : 3000);
    expect(p.schools.reduce((n, s) => n + s.teachers, 0)).toBe(scale === 'county' ? 1000 : 150_000);
    expect(Math.min(...p.schools.map((s) => s.teachers))).toBeGreaterThanOrEqual(3);
    expect(new Set(p.towns).size).toBe(p.towns.length);
    expect(new Set(p.schools.map((s) => s.chatId)).size).toBe(p.schools.length);
    // School names are unique across the region, so 「汇总 学校名」 finds exactly one.
    expect(new Set(p.schools.map((s) => s.name)).size).toBe(p.schools.length);
    expect(p.rounds).toHaveLength(36);
    expect(p.rounds[0]!.period).toBe('2023-12');
    expect(p.rounds.at(-1)!.period).toBe('2026-11');
  });

  it('is the same for the same seed, and different for another', () => {
    expect(plan('county', 5)).toEqual(plan('county', 5));
    expect(plan('county', 6).towns).not.toEqual(plan('county', 5).towns);
  });

  it('ends with the latest round opened by now, in the campaign’s time zone', () => {
    // 1 December 08:59 in Beijing: December's round has not opened yet.
    const before = planMonthlyRounds(SCHEDULE, new Date('2026-12-01T00:59:00Z'), 1, TZ);
    expect(before.at(-1)!.period).toBe('2026-11');
    const after = planMonthlyRounds(SCHEDULE, new Date('2026-12-01T01:00:00Z'), 1, TZ);
    expect(after.map((r) => r.period)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    expect(after.at(-1)!.opensAt.toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(after.at(-1)!.dueAt.toISOString()).toBe('2026-12-25T10:00:00.000Z');
  });

  it('apportions teachers exactly, in proportion to the weights', () => {
    // 1 each, then 7 split 1.75 / 1.75 / 3.5: the largest remainders get the last two.
    expect(apportion(10, [1, 1, 2], 1)).toEqual([3, 3, 4]);
    expect(apportion(100, [1, 3], 0)).toEqual([25, 75]);
    expect(() => apportion(2, [1, 1, 1], 1)).toThrow();
  });
});
