import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

const BUREAU_CHAT = 'oc_demo_bureau';

describe('escalation of lagging schools (落后约谈)', () => {
  let ducha: TestDucha;
  const escalations = () => ducha.botMessages().filter((m) => m.chat_id === BUREAU_CHAT && m.text.startsWith('【落后提醒】'));
  const monthly = () => escalations().filter((m) => m.text.includes('常态化动态预警监测'));

  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-12-01T09:00:00+08:00', roster: 'demo' });
    await ducha.tick();
    // School 01 (首善街道中心小学, four teachers) answers in full; every other school stays incomplete.
    for (const n of ['01', '02', '03', '04']) await ducha.say(`ou_demo_t01${n}`, '走访2户', 'oc_demo_school_01');
  });
  afterAll(() => ducha?.close());

  it('says nothing to the bureau before the school is three workdays overdue', async () => {
    // Due Friday 12-25 18:00; the third workday after is Wednesday 12-30.
    await ducha.tick('2026-12-29T17:00:00+08:00');
    expect(monthly()).toHaveLength(0);
  });

  it('lists the incomplete schools once in the bureau chat, never the complete ones', async () => {
    await ducha.tick('2026-12-30T09:00:00+08:00');
    await ducha.tick('2026-12-30T09:01:00+08:00');
    const [message, ...more] = monthly();
    expect(more).toHaveLength(0);
    expect(message!.text).toContain('共 15 所');
    expect(message!.text).not.toContain('首善街道中心小学');
    expect(message!.text).toContain('横渠镇中心小学(示例)：0/5');
    // Nothing about lagging schools reaches a school chat.
    expect(ducha.botMessages().filter((m) => m.text.startsWith('【落后提醒】') && m.chat_id !== BUREAU_CHAT)).toHaveLength(0);
  });
});
