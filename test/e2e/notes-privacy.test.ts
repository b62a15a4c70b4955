import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackValues } from '../helpers/card-tree.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

// A national ID with a valid check character (GB 11643's example) and a mobile number.
const ID = '11010519491231002X';
const MOBILE = '13812345678';

describe('free text: nothing silently cut, identifying numbers masked', () => {
  let ducha: TestDucha;
  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-12-01T09:00:00+08:00', roster: 'demo' });
    await ducha.tick();
  });
  afterAll(() => ducha.close());

  const stored = async (openId: string) => (await ducha.responsesOf(openId))[0]?.answers;
  const promptCard = (chat: string) => ducha.botMessages().find((m) => m.chat_id === chat && m.msg_type === 'interactive')!;
  const submitValue = (chat: string) => callbackValues(promptCard(chat))[0]!;

  it('a 3,000-character note in text is refused with its length, and nothing is stored', async () => {
    const { reply } = await ducha.say('ou_demo_t0101', `走访2户 备注：${'很'.repeat(3000)}`, 'oc_demo_school_01');
    expect(reply!.text).toContain('「备注」最多 500 个字，这条有 3000 个字，没有保存');
    expect(await stored('ou_demo_t0101')).toBeUndefined();
  });

  it('the form refuses the same note the same way', async () => {
    const clicked = await ducha.click('ou_demo_t0102', promptCard('oc_demo_school_01').message_id, {
      value: submitValue('oc_demo_school_01'),
      form_value: { home_visits: '2', phone_followups: '', new_alerts: '', note: '很'.repeat(3000) },
    });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'error' });
    expect(clicked.delivered.body.toast.content).toContain('这条有 3000 个字');
    expect(await stored('ou_demo_t0102')).toBeUndefined();
  });

  it('a national ID and a mobile number in a text note are masked before storing, and the teacher is told why', async () => {
    const { reply } = await ducha.say('ou_demo_t0103', `走访1户 备注：学生身份证${ID}，家长电话${MOBILE}`, 'oc_demo_school_01');
    expect(await stored('ou_demo_t0103')).toMatchObject({ note: '学生身份证110105********002X，家长电话138****5678' });
    expect(reply!.text).toContain('身份证号 1 个、手机号 1 个已打码保存');
    for (const number of [ID, MOBILE]) expect(reply!.text).not.toContain(number);
    // 1:1, 我的 echoes the note as stored: masked (a text message shows * as ＊, which Lark never reads as bold).
    const mine = await ducha.say('ou_demo_t0103', '我的');
    expect(mine.reply!.text).toContain('138＊＊＊＊5678');
    expect(mine.reply!.text).not.toContain(MOBILE);
  });

  it('the same rule holds for the card form and for a principal’s report', async () => {
    const clicked = await ducha.click('ou_demo_t0201', promptCard('oc_demo_school_02').message_id, {
      value: submitValue('oc_demo_school_02'),
      form_value: { home_visits: '1', phone_followups: '', new_alerts: '', note: `家长 ${MOBILE}` },
    });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
    expect(await stored('ou_demo_t0201')).toMatchObject({ note: '家长 138****5678' });
    expect(clicked.sent.map((m: { text: string }) => m.text).join('\n')).toContain('手机号 1 个已打码保存');

    await ducha.say('ou_demo_p03', `本月安排：联系家长 ${MOBILE} 核实情况`);
    expect(await stored('ou_demo_p03')).toMatchObject({ arrangement: '联系家长 138****5678 核实情况' });
  });
});
