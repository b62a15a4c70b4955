import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RosterRow } from '../../src/domain/roster/roster-row.js';
import { unescapeMarkdown, unescapeText } from '../../src/lark/cards/escape-markdown.js';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { callbackValue, findNodes } from '../helpers/card-tree.js';
import { isReminder, mentionedIds } from '../helpers/reminder-messages.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

/**
 * Names that got into the roster with markup in them (typed into the database, or loaded before
 * the loaders refused it) show up literally everywhere the bot writes them: the bureau's 汇总
 * card, the 【落后提醒】 in the bureau chat, the principal's reminder card and the nudge. Never an
 * `<at>` (which would @ the whole bureau), a link or a style.
 */

const SCHOOL = '<at id=all></at><at user_id="all">全体</at>[点我](http://evil.example/s)小学';
const TOWN = "**镇**<font color='red'>红</font>";
const TEACHER = '<at user_id="all">张</at>[老师](http://evil.example/t)';
const PRINCIPAL = '王*校长*';
const SCHOOL_CHAT = 'oc_hostile_school';
const BUREAU_CHAT = 'oc_hostile_bureau';

const row = (line: number, r: Omit<RosterRow, 'line' | 'educationGroup' | 'groupRole'>): RosterRow => ({ line, educationGroup: null, groupRole: null, ...r });
const ROSTER: RosterRow[] = [
  row(2, { town: TOWN, school: SCHOOL, name: PRINCIPAL, role: 'principal', openId: 'ou_h_p', chatId: SCHOOL_CHAT }),
  row(3, { town: TOWN, school: SCHOOL, name: TEACHER, role: 'teacher', openId: 'ou_h_t1', chatId: SCHOOL_CHAT }),
  row(4, { town: TOWN, school: SCHOOL, name: '李明', role: 'teacher', openId: 'ou_h_t2', chatId: SCHOOL_CHAT }),
  row(5, { town: null, school: null, name: '周强', role: 'bureau', openId: 'ou_h_b', chatId: BUREAU_CHAT }),
];

const LINK = /\[[^\]]*\]\([^)]*\)/;
const markdownOf = (card: SandboxMessage) =>
  findNodes(card.content, (n) => n.tag === 'markdown' && typeof n.content === 'string').map((n) => n.content as string);

/** A card's markdown speaks no markup from the names: no `<at`, no link, no `<font` but the card's own. */
function expectLiteralCard(card: SandboxMessage, names: string[]) {
  const markdown = markdownOf(card).join('\n');
  expect(markdown).not.toContain('<at');
  expect(markdown).not.toMatch(LINK);
  expect(markdown).not.toContain('evil.example');
  expect(markdown).not.toContain("<font color='red'>红");
  for (const name of names) expect(unescapeMarkdown(markdown)).toContain(name);
}

/** A text message speaks no markup from the names: its only `<at>` are `mentions`, no link, no bold. */
function expectLiteralText(text: string, names: string[], mentions: string[] = []) {
  expect(mentionedIds(text)).toEqual([...mentions].sort());
  expect([...text.matchAll(/<at\b/g)]).toHaveLength(mentions.length);
  expect(text).not.toMatch(LINK);
  expect(text).not.toContain('**');
  expect(text).not.toContain('<font');
  for (const name of names) expect(unescapeText(text)).toContain(name);
}

describe('hostile names from the roster reach every card and message as literal text', () => {
  let ducha: TestDucha;
  let reminder: SandboxMessage;

  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-12-01T09:00:00+08:00', roster: ROSTER });
    await ducha.tick();
  });
  afterAll(() => ducha?.close());

  it('the principal’s reminder card names the school and the missing teachers literally', async () => {
    const before = ducha.botMessages().length;
    await ducha.tick('2026-12-22T09:00:00+08:00');
    const cards = ducha.botMessages().slice(before).filter(isReminder);
    expect(cards).toHaveLength(1);
    reminder = cards[0]!;
    expect(reminder.receive_id).toBe('ou_h_p');
    expectLiteralCard(reminder, [SCHOOL, TEACHER, PRINCIPAL, '李明']);
    // The principal's name is not bold: its `*` are text.
    expect(markdownOf(reminder).join('\n')).not.toContain('*校长*');
  });

  it('the nudge @-mentions exactly the two teachers, and their names are text', async () => {
    ducha.setTime('2026-12-22T10:00:00+08:00');
    const clicked = await ducha.click('ou_h_p', reminder.message_id, { value: callbackValue(reminder) });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
    expect(clicked.sent).toHaveLength(1);
    const nudge = clicked.sent[0]!;
    expect(nudge.chat_id).toBe(SCHOOL_CHAT);
    expect(nudge.msg_type).toBe('text');
    expectLiteralText(nudge.text, [TEACHER, '李明'], ['ou_h_t1', 'ou_h_t2']);
  });

  it('the 【落后提醒】 in the bureau chat @-mentions nobody and links nowhere', async () => {
    const before = ducha.botMessages().length;
    await ducha.tick('2026-12-30T09:00:00+08:00');
    const lagging = ducha.botMessages().slice(before).filter((m) => m.chat_id === BUREAU_CHAT && m.text.startsWith('【落后提醒】'));
    expect(lagging.length).toBeGreaterThan(0);
    for (const m of lagging) {
      expect(m.msg_type).toBe('text');
      expectLiteralText(m.text, [SCHOOL, TOWN]);
    }
  });

  it('the bureau’s 汇总 card shows the town and the school literally', async () => {
    const { reply } = await ducha.say('ou_h_b', '汇总 常态化动态预警监测 2026-12', BUREAU_CHAT);
    expect(reply!.msg_type, reply!.text).toBe('interactive');
    expectLiteralCard(reply!, [SCHOOL, TOWN]);
    // The plain_text header keeps the campaign's title as it is, with no entities in it.
    const header = findNodes(reply!.content, (n) => n.tag === 'plain_text').map((n) => n.content as string);
    expect(header.join('\n')).not.toContain('&#');
  });

  it('a refusal listing the towns (汇总 of a place that does not exist) quotes the town as text', async () => {
    const { reply } = await ducha.say('ou_h_b', '汇总 不存在镇', BUREAU_CHAT);
    expect(reply!.msg_type).toBe('text');
    expect(reply!.text).toContain('没有找到「不存在镇」');
    expectLiteralText(reply!.text, [TOWN]);
  });
});
