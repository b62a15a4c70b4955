import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

/** A teacher of school 01 (its chat is oc_demo_school_01). */
const TEACHER = 'ou_demo_t0101';
const CHECK_IN = '走访5户 电话3户 新增预警1人';

describe('where a check-in counts', () => {
  let ducha: TestDucha;
  beforeEach(async () => {
    ducha = await startTestDucha({ now: '2026-12-01T09:00:00+08:00', roster: 'demo' });
    await ducha.tick();
  });
  afterEach(() => ducha.close());

  const storedFor = (openId: string) => ducha.responsesOf(openId);

  it.each([
    ["another school's chat", 'oc_demo_school_02'],
    ['a chat Ducha does not know', 'oc_somebody_elses_group'],
  ])('a check-in in %s is answered 1:1, not in that chat, and not stored', async (_where, chatId) => {
    const before = ducha.botMessages().length;
    const { replies } = await ducha.say(TEACHER, CHECK_IN, chatId);
    expect(replies).toEqual([]);
    const sent = ducha.botMessages().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ chat_type: 'p2p', receive_id: TEACHER, msg_type: 'text' });
    expect(sent[0]!.text).toContain('请在本校群');
    expect(sent.filter((m) => m.chat_id === chatId)).toEqual([]);
    expect(await storedFor(TEACHER)).toEqual([]);
  });

  it('the same check-in in her own school chat, or 1:1, is stored and answered where she wrote it', async () => {
    const inGroup = await ducha.say(TEACHER, CHECK_IN, 'oc_demo_school_01');
    expect(inGroup.reply).toMatchObject({ chat_id: 'oc_demo_school_01' });
    expect(inGroup.reply!.text).toContain('已收到');
    const oneToOne = await ducha.say(TEACHER, '走访6户 电话3户 新增预警1人');
    expect(oneToOne.reply!.text).toContain('已更新');
    expect(await storedFor(TEACHER)).toHaveLength(1);
  });

  it('a command other than an answer still works in another chat (a refusal stays where it was asked)', async () => {
    const { reply, message_id } = await ducha.say('ou_demo_p02', '汇总', 'oc_demo_bureau');
    expect(reply!.parent_id).toBe(message_id);
    expect(reply!.text).toContain('汇总');
  });
});
