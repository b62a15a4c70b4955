import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeFile, sendFile } from '../helpers/evidence-upload.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { seedFixtureFramework } from '../fixtures/framework.js';

const PRINCIPAL = 'ou_demo_p01';
const TEACHER = 'ou_demo_t0101';
const SCHOOL = '首善街道中心小学(示例)';

/** The lines of a card's text that name a sub-item. */
const lineOf = (text: string, code: string) => text.split('\n').find((l) => l.replace(/^\*\*/, '').startsWith(`${code} `));

describe('档案: a school’s evidence by indicator, with what is missing', () => {
  let ducha: TestDucha;
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'ducha-archive-'));
    ducha = await startTestDucha({ roster: 'demo', env: { DUCHA_EVIDENCE_DIR: folder } });
    await seedFixtureFramework(ducha.db, ducha.clock.now());
    await sendFile(ducha, { openId: TEACHER, kind: 'file', bytes: fakeFile('pdf'), fileName: '消防演练方案.pdf' });
    await ducha.say(TEACHER, '佐证 2.3');
    await sendFile(ducha, { openId: PRINCIPAL, kind: 'image', bytes: fakeFile('jpeg') });
    await ducha.say(PRINCIPAL, '佐证 2.3');
    // One more, left unfiled.
    await sendFile(ducha, { openId: PRINCIPAL, kind: 'image', bytes: fakeFile('png') });
  });
  afterAll(async () => {
    await ducha?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('a principal’s 档案 lists their school’s evidence per sub-item and marks what is missing', async () => {
    const { reply } = await ducha.say(PRINCIPAL, '档案');
    expect(reply!.msg_type).toBe('interactive');
    const text = reply!.text;
    expect(text).toContain(SCHOOL);
    expect(text).toContain('2026-09 至 2027-08');
    expect(lineOf(text, '2.3')).toContain('2 份');
    expect(lineOf(text, '2.3')).toContain('消防演练方案.pdf');
    expect(lineOf(text, '1.2')).toContain('缺');
    expect(lineOf(text, '2.1')).toContain('缺');
    // Not scored by evidence: nothing filed is not "missing".
    expect(lineOf(text, '2.2')).not.toContain('缺');
    expect(text).toContain('另有 1 份未归到子项');
    // Names and dates only: no image is ever posted.
    expect(ducha.botMessages().filter((m) => m.msg_type === 'image')).toEqual([]);
  });

  it('narrows to a sub-item and a month', async () => {
    const one = (await ducha.say(PRINCIPAL, '档案 2.3')).reply!.text;
    expect(lineOf(one, '2.3')).toContain('2 份');
    expect(lineOf(one, '1.2')).toBeUndefined();
    const november = (await ducha.say(PRINCIPAL, '档案 2026-11')).reply!.text;
    expect(november).toContain('期间：2026-11');
    expect(lineOf(november, '2.3')).toContain('缺');
  });

  it('the bureau names any school; without one it is asked for', async () => {
    const { reply } = await ducha.say('ou_demo_b1', `档案 首善街道中心小学 2.3`);
    expect(reply!.text).toContain(SCHOOL);
    expect(lineOf(reply!.text, '2.3')).toContain('2 份');
    expect((await ducha.say('ou_demo_a1', '档案')).reply!.text).toContain('请写上学校名');
    expect((await ducha.say('ou_demo_b1', '档案 首善初级中学')).reply!.text).toContain('首善初级中学(示例)');
  });

  it('refuses a teacher, a principal asking for another school, and any group chat', async () => {
    expect((await ducha.say(TEACHER, '档案')).reply!.text).toContain('供校长和教体局查看');
    expect((await ducha.say(PRINCIPAL, '档案 首善初级中学')).reply!.text).toContain('只能查看本校');
    const inGroup = await ducha.say(PRINCIPAL, '档案', 'oc_demo_school_01');
    expect(inGroup.reply!.text).toContain('请私聊');
    expect(inGroup.reply!.msg_type).toBe('text');
    const bureauGroup = await ducha.say('ou_demo_b1', `档案 ${SCHOOL}`, 'oc_demo_bureau');
    expect(bureauGroup.reply!.text).toContain('请私聊');
  });
});
