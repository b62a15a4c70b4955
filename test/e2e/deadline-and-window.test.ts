import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaigns, people, responses, rounds } from '../../src/db/schema/index.js';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { callbackValue } from '../helpers/card-tree.js';
import { MONTHLY, PRINCIPALS, SCHOOL_CHATS } from '../helpers/demo-county.js';
import { isReminder, mentionedIds, namesOnCard } from '../helpers/reminder-messages.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

// The edges of two rules a user notices: an answer is late only strictly after the deadline, and
// the bot starts no conversation outside workdays 08:00–12:00 / 14:30–18:00 — what a tick or a
// click queues then waits for the window's next opening, and goes once.

/** Each test starts its own server and database, and walks a month: more than the default 30 s on a slow machine. */
const SLOW = { timeout: 120_000 };

/** A fresh server over a fresh database with the demo roster, closed however the test ends. */
async function withDucha(now: string, run: (ducha: TestDucha) => Promise<void>) {
  const ducha = await startTestDucha({ now, roster: 'demo' });
  try {
    await run(ducha);
  } finally {
    await ducha.close();
  }
}

/** December's check-in prompt card in a school chat. */
const isSchoolPrompt = (m: SandboxMessage) =>
  m.msg_type === 'interactive' && m.chat_type === 'group' && m.text.includes(`2026-12 ${MONTHLY}`);
/** A nudge: text in a school chat @-mentioning teachers. */
const isNudge = (m: SandboxMessage) => m.msg_type === 'text' && m.chat_type === 'group' && m.text.includes('<at user_id=');

const personNamed = async (ducha: TestDucha, openId: string) => {
  const [row] = await ducha.db.select().from(people).where(eq(people.openId, openId));
  return row!;
};

const teachersOf = (ducha: TestDucha, schoolId: number) =>
  ducha.db
    .select({ openId: people.openId, name: people.name })
    .from(people)
    .where(and(eq(people.schoolId, schoolId), eq(people.role, 'teacher')));

/** The stored December check-in of one teacher. */
async function decemberAnswerOf(ducha: TestDucha, openId: string) {
  return ducha.db
    .select({ late: responses.late, submittedAt: responses.submittedAt })
    .from(responses)
    .innerJoin(people, eq(people.id, responses.personId))
    .innerJoin(rounds, eq(rounds.id, responses.roundId))
    .innerJoin(campaigns, eq(campaigns.id, rounds.campaignId))
    .where(and(eq(people.openId, openId), eq(campaigns.code, 'monthly-monitoring'), eq(rounds.period, '2026-12')));
}

/** Exactly one message per id in `ids`, by `idOf`; returns them. */
function onePerId(messages: SandboxMessage[], ids: string[], idOf: (m: SandboxMessage) => string | null) {
  expect(messages.map(idOf).sort()).toEqual([...ids].sort());
  return messages;
}

describe('the deadline, to the millisecond', () => {
  it('an answer at exactly 2026-12-25 18:00:00.000 is on time; one at 18:00:00.001 is late, and its receipt says so', SLOW, async () => {
    await withDucha('2026-12-01T09:00:00+08:00', async (ducha) => {
      const opened = await ducha.tick();
      expect(opened.rounds.opened).toContainEqual({ campaign: 'monthly-monitoring', period: '2026-12', prompts: 16 });

      ducha.setTime('2026-12-25T18:00:00.000+08:00');
      const onTime = await ducha.say('ou_demo_t0101', '走访5户 电话3户', 'oc_demo_school_01');
      expect(onTime.replies).toHaveLength(1);
      expect(onTime.reply!.text).toContain('已收到');
      expect(onTime.reply!.text).not.toContain('逾期');
      const [early] = await decemberAnswerOf(ducha, 'ou_demo_t0101');
      expect(early).toMatchObject({ late: false });
      expect(early!.submittedAt.toISOString()).toBe('2026-12-25T10:00:00.000Z');

      ducha.setTime('2026-12-25T18:00:00.001+08:00');
      const late = await ducha.say('ou_demo_t0102', '走访5户 电话3户', 'oc_demo_school_01');
      expect(late.replies).toHaveLength(1);
      expect(late.reply!.text).toContain('逾期');
      const [after] = await decemberAnswerOf(ducha, 'ou_demo_t0102');
      expect(after).toMatchObject({ late: true });
      expect(after!.submittedAt.toISOString()).toBe('2026-12-25T10:00:00.001Z');

      // The on-time answer stays on time.
      expect((await decemberAnswerOf(ducha, 'ou_demo_t0101'))[0]).toMatchObject({ late: false });
    });
  });
});

describe('a tick outside the sending window', () => {
  it('opening December at 2026-12-01 20:00 stores the round but posts its prompts only at 08:00 the next workday, once', SLOW, async () => {
    await withDucha('2026-12-01T20:00:00+08:00', async (ducha) => {
      // The server was down all day: the first tick of December comes in the evening.
      const report = await ducha.tick();
      expect(report.rounds.opened).toContainEqual({ campaign: 'monthly-monitoring', period: '2026-12', prompts: 16 });
      const stored = await ducha.db
        .select({ period: rounds.period })
        .from(rounds)
        .innerJoin(campaigns, eq(campaigns.id, rounds.campaignId))
        .where(eq(campaigns.code, 'monthly-monitoring'));
      expect(stored).toEqual([{ period: '2026-12' }]);
      await ducha.settle();
      // Nothing the bot starts goes out in the evening: no prompt in any school chat, nor 1:1.
      expect(ducha.botMessages()).toEqual([]);

      ducha.setTime('2026-12-01T23:59:59+08:00');
      await ducha.settle();
      expect(ducha.botMessages()).toEqual([]);

      // 2026-12-02 is a Wednesday: at 08:00 the queued prompts go, one per school chat.
      ducha.setTime('2026-12-02T08:00:00+08:00');
      await ducha.settle();
      const prompts = ducha.botMessages().filter(isSchoolPrompt);
      onePerId(prompts, SCHOOL_CHATS, (m) => m.chat_id);
      for (const m of prompts) expect(m.text).toContain('2026-12-25 18:00');

      // A tick later that morning opens nothing again and posts no second copy.
      const again = await ducha.tick('2026-12-02T10:00:00+08:00');
      expect(again.rounds.opened).toEqual([]);
      expect(ducha.botMessages().filter(isSchoolPrompt)).toHaveLength(16);
    });
  });

  it('a reminder day caught up at 2026-12-22 19:30 waits for 12-23 08:00, then names only who still owes, once', SLOW, async () => {
    await withDucha('2026-12-01T09:00:00+08:00', async (ducha) => {
      await ducha.tick();
      // No tick at all until the evening of the 22nd: the 3-days-before step (09:00) has passed.
      const before = ducha.botMessages().length;
      const evening = await ducha.tick('2026-12-22T19:30:00+08:00');
      expect(evening.reminders.steps.filter((s) => s.outcome === 'sent')).toEqual([]);
      // Nothing the bot starts goes out in the evening, reminders included.
      expect(ducha.botMessages().slice(before)).toEqual([]);

      // A teacher of school 01 answers that evening (replies to a teacher are not held back).
      ducha.setTime('2026-12-22T20:00:00+08:00');
      const { reply } = await ducha.say('ou_demo_t0101', '走访5户 电话3户', 'oc_demo_school_01');
      expect(reply!.text).toContain('已收到');
      const t0101 = await personNamed(ducha, 'ou_demo_t0101');

      // Next morning, the window opens: each principal gets the reminder once.
      const beforeMorning = ducha.botMessages().length;
      const morning = await ducha.tick('2026-12-23T08:00:00+08:00');
      expect(morning.reminders.steps.filter((s) => s.campaign === 'monthly-monitoring')).toEqual([
        { campaign: 'monthly-monitoring', step: 'due-3d', period: '2026-12', messages: 16, outcome: 'sent' },
      ]);
      const cards = ducha.botMessages().slice(beforeMorning).filter(isReminder);
      onePerId(cards, PRINCIPALS, (m) => m.receive_id);
      const p01 = cards.find((c) => c.receive_id === 'ou_demo_p01')!;
      const names = namesOnCard(p01);
      const school01 = await teachersOf(ducha, t0101.schoolId!);
      expect(names.sort()).toEqual(school01.filter((t) => t.openId !== 'ou_demo_t0101').map((t) => t.name).sort());
      expect(names).not.toContain(t0101.name);
      expect(p01.text).not.toContain(t0101.name);

      // A later tick sends nothing new about the check-in.
      const beforeLater = ducha.botMessages().length;
      const later = await ducha.tick('2026-12-23T10:00:00+08:00');
      expect(later.reminders.steps.filter((s) => s.campaign === 'monthly-monitoring')).toEqual([]);
      expect(ducha.botMessages().slice(beforeLater)).toEqual([]);
      expect(ducha.botMessages().filter(isReminder)).toHaveLength(16);
    });
  });

  it('a nudge pressed at 2026-12-22 19:00 is acknowledged at once but reaches the school chat at 08:00 on 12-23, once', SLOW, async () => {
    await withDucha('2026-12-01T09:00:00+08:00', async (ducha) => {
      await ducha.tick();
      await ducha.tick('2026-12-22T09:00:00+08:00');
      const cards = ducha.botMessages().filter((m) => isReminder(m) && m.receive_id === 'ou_demo_p02');
      expect(cards).toHaveLength(1);
      const card = cards[0]!;

      ducha.setTime('2026-12-22T19:00:00+08:00');
      const clicked = await ducha.click('ou_demo_p02', card.message_id, { value: callbackValue(card) });
      expect(clicked.delivered.status).toBe(200);
      expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
      // Nothing reaches the school chat in the evening, even once everything due has been sent.
      expect(clicked.sent).toEqual([]);
      await ducha.settle();
      expect(ducha.botMessages().filter(isNudge)).toEqual([]);
      ducha.setTime('2026-12-23T07:59:59+08:00');
      await ducha.settle();
      expect(ducha.botMessages().filter(isNudge)).toEqual([]);

      ducha.setTime('2026-12-23T08:00:00+08:00');
      await ducha.settle();
      const nudges = ducha.botMessages().filter(isNudge);
      expect(nudges).toHaveLength(1);
      expect(nudges[0]!.chat_id).toBe('oc_demo_school_02');
      const teachers = await teachersOf(ducha, (await personNamed(ducha, 'ou_demo_p02')).schoolId!);
      expect(mentionedIds(nudges[0]!.text)).toEqual(teachers.map((t) => t.openId).sort());

      // The day goes on: still that one nudge.
      await ducha.tick('2026-12-23T10:00:00+08:00');
      expect(ducha.botMessages().filter(isNudge)).toHaveLength(1);
    });
  });
});
