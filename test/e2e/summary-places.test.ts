import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

const OFFICER = 'ou_demo_b1';
const BUREAU = 'oc_demo_bureau';

describe('汇总 takes places and periods as a person writes them', () => {
  let ducha: TestDucha;
  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-12-01T09:00:00+08:00', roster: 'demo' });
    await ducha.tick();
    await ducha.say('ou_demo_t0101', '走访5户 电话3户 新增预警1人', 'oc_demo_school_01');
    ducha.setTime('2027-01-04T10:00:00+08:00');
  });
  afterAll(() => ducha.close());

  const ask = async (words: string) => (await ducha.say(OFFICER, `汇总 ${words}`, BUREAU)).reply!;

  it('a school by a unique part of its name: 首善街道中心小学 finds 首善街道中心小学(示例)', async () => {
    const reply = await ask('首善街道中心小学 2026-12');
    expect(reply.msg_type).toBe('interactive');
    expect(reply.text).toContain('首善街道中心小学(示例)');
    expect(reply.text).not.toContain('横渠镇中心小学');
  });

  it('an ambiguous part lists the choices and shows no card', async () => {
    const reply = await ask('中心小学');
    expect(reply.msg_type).toBe('text');
    expect(reply.text).toContain('「中心小学」');
    for (const town of ['首善街道', '横渠镇', '齐镇']) expect(reply.text).toContain(`${town}中心小学(示例)`);
  });

  it.each([
    ['12月', '2026-12'],
    ['上个月', '2026-12'],
    ['2026年12月', '2026-12'],
  ])('the period 「%s」 in January is %s', async (words, period) => {
    const reply = await ask(`${words} 首善街道`);
    expect(reply.msg_type).toBe('interactive');
    expect(reply.text).toContain(period);
    expect(reply.text).toContain('首善街道');
  });

  it('「本月」 in January has no round yet for a month that has not opened, and says so', async () => {
    const reply = await ask('本月');
    expect(reply.msg_type).toBe('text');
    expect(reply.text).toContain('2027-01');
  });
});
