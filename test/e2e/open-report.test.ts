import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMessages } from '../../src/db/queries/outbox.js';
import { campaigns, people, responses, rounds, schools, towns } from '../../src/db/schema/index.js';
import { buildDemoCounty } from '../../src/domain/roster/demo-county.js';
import { openReportButton } from '../../src/lark/cards/report-text-card.js';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

const BUREAU = 'oc_demo_bureau';
const roster = buildDemoCounty();
const nameOf = (openId: string) => roster.find((r) => r.openId === openId)!.name;
// A report with line breaks and what would be markup: it must arrive as written, and as text only.
/** What a reader sees of the card's own emphasis (bold, colour) is left out: the words are checked. */
const plain = (text: string) => text.replace(/\*\*(学校|校长|提交时间|修改次数|尚未提交)\*\*/g, '$1').replace(/<font[^>]*>|<\/font>/g, '');
const REPORT = ['1. 组织全体教师开展家访 <at user_id="all"></at>', '2. **安全教育** 见[通知](http://example.com/x)'];

describe('「查看报告」: a principal’s report, 1:1 to the bureau', () => {
  let ducha: TestDucha;
  let roundId: number;
  const schoolIds: Record<string, number> = {};
  let serial = 0;

  /** Puts a small card carrying one button per school in front of someone (1:1, or into a chat), as the summary card will. */
  async function cardWithButtons(to: { openId: string } | { chatId: string }, schoolChats: string[]): Promise<SandboxMessage> {
    const content = {
      schema: '2.0',
      header: { title: { tag: 'plain_text', content: `月有安排 · 2026-12 (${++serial})` } },
      body: { elements: schoolChats.map((chat) => openReportButton({ roundId, schoolId: schoolIds[chat]!, label: `查看 ${chat}` })) },
    };
    await enqueueMessages(ducha.db, ducha.clock.now(), [{ key: `test-report-buttons:${serial}`, kind: 'test', to, msgType: 'interactive', content, notBefore: ducha.clock.now() }]);
    await ducha.settle();
    return ducha.botMessages().find((m) => m.text.includes(`(${serial})`))!;
  }

  const click = (openId: string, card: SandboxMessage, chat: string) =>
    ducha.click(openId, card.message_id, { value: { action: 'open_report', round_id: roundId, school_id: schoolIds[chat]! } });

  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-12-01T09:00:00+08:00', roster: 'demo' });
    await ducha.tick();
    ducha.setTime('2026-12-03T10:00:00+08:00');
    expect((await ducha.say('ou_demo_p01', `本月安排：${REPORT.join('\n')}`)).reply!.text).toContain('已收到');
    // p02 files after the 12-07 deadline, then corrects it once.
    ducha.setTime('2026-12-08T10:00:00+08:00');
    await ducha.say('ou_demo_p02', '本月安排：安全教育');
    await ducha.say('ou_demo_p02', '本月安排：安全教育和防溺水');
    const [round] = await ducha.db
      .select({ id: rounds.id })
      .from(rounds)
      .innerJoin(campaigns, eq(campaigns.id, rounds.campaignId))
      .where(and(eq(campaigns.code, 'principal-monthly-plan'), eq(rounds.period, '2026-12')));
    roundId = round!.id;
    for (const s of await ducha.db.select({ id: schools.id, chat: schools.chatId }).from(schools)) if (s.chat) schoolIds[s.chat] = s.id;
  });
  afterAll(() => ducha?.close());

  it('a bureau officer’s click sends the report 1:1: campaign, period, school, principal, time, on time, each field as written, revisions', async () => {
    const card = await cardWithButtons({ openId: 'ou_demo_b1' }, ['oc_demo_school_01', 'oc_demo_school_02', 'oc_demo_school_03']);
    const clicked = await click('ou_demo_b1', card, 'oc_demo_school_01');
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
    expect(clicked.sent).toHaveLength(1);
    const report = clicked.sent[0]!;
    expect(report).toMatchObject({ msg_type: 'interactive', chat_type: 'p2p', receive_id: 'ou_demo_b1' });
    const [stored] = await ducha.db
      .select({ answers: responses.answers, school: schools.name, town: towns.name })
      .from(responses)
      .innerJoin(people, eq(people.id, responses.personId))
      .innerJoin(schools, eq(schools.id, people.schoolId))
      .innerJoin(towns, eq(towns.id, schools.townId))
      .where(and(eq(responses.roundId, roundId), eq(people.openId, 'ou_demo_p01')));
    expect(stored!.answers.arrangement).toBe(REPORT.join('\n'));
    expect(report.text).toContain(`月有安排 · 2026-12 · ${stored!.school}`);
    expect(plain(report.text)).toContain(`学校：${stored!.school}（${stored!.town}）`);
    expect(plain(report.text)).toContain(`校长：${nameOf('ou_demo_p01')}`);
    expect(plain(report.text)).toContain('提交时间：2026-12-03 10:00 · 按时提交');
    expect(plain(report.text)).toContain('修改次数：0');
    expect(report.text).toContain(`本月安排**\n${REPORT.join('\n')}`);
    // Shown as text, never as markup: no @all, no link, no bold from the principal's words.
    const raw = JSON.stringify(report.content);
    expect(raw).not.toContain('<at');
    expect(raw).not.toContain('](http');
    expect(raw).not.toContain('**安全教育**');
  });

  it('a late, corrected report says so; a school that has not filed says 尚未提交', async () => {
    const card = await cardWithButtons({ openId: 'ou_demo_a1' }, ['oc_demo_school_02', 'oc_demo_school_03']);
    const late = (await click('ou_demo_a1', card, 'oc_demo_school_02')).sent[0]!;
    expect(late.receive_id).toBe('ou_demo_a1');
    expect(plain(late.text)).toContain('提交时间：2026-12-08 10:00 · 逾期提交');
    expect(plain(late.text)).toContain('修改次数：1');
    expect(late.text).toContain('本月安排**\n安全教育和防溺水');
    const none = (await click('ou_demo_a1', card, 'oc_demo_school_03')).sent[0]!;
    expect(plain(none.text)).toContain('尚未提交（已于 2026-12-07 18:00 截止）');
    expect(plain(none.text)).toContain(`校长：${nameOf('ou_demo_p03')}`);
  });

  it('clicked on a card in the bureau chat, the report still goes only 1:1 to the clicker', async () => {
    const card = await cardWithButtons({ chatId: BUREAU }, ['oc_demo_school_01']);
    const clicked = await click('ou_demo_b2', card, 'oc_demo_school_01');
    expect(clicked.sent).toHaveLength(1);
    expect(clicked.sent[0]).toMatchObject({ chat_type: 'p2p', receive_id: 'ou_demo_b2' });
    expect(ducha.botMessages().filter((m) => m.chat_id === BUREAU && m.text.includes('提交时间'))).toEqual([]);
  });

  it.each([
    ['a teacher', 'ou_demo_t0101'],
    ['a principal', 'ou_demo_p02'],
  ])('%s clicking gets an error toast and nothing is sent', async (_who, openId) => {
    const card = await cardWithButtons({ openId }, ['oc_demo_school_01']);
    const clicked = await click(openId, card, 'oc_demo_school_01');
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'error' });
    expect(clicked.delivered.body.toast.content).toContain('教体局');
    expect(clicked.sent).toEqual([]);
  });

  it('a round of the teachers’ check-in is not a principal’s report', async () => {
    const [monthly] = await ducha.db
      .select({ id: rounds.id })
      .from(rounds)
      .innerJoin(campaigns, eq(campaigns.id, rounds.campaignId))
      .where(and(eq(campaigns.code, 'monthly-monitoring'), eq(rounds.period, '2026-12')));
    const card = await cardWithButtons({ openId: 'ou_demo_b1' }, ['oc_demo_school_01']);
    const clicked = await ducha.click('ou_demo_b1', card.message_id, { value: { action: 'open_report', round_id: monthly!.id, school_id: schoolIds['oc_demo_school_01']! } });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'error' });
    expect(clicked.sent).toEqual([]);
  });
});
