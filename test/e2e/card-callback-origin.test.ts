import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, responses } from '../../src/db/schema/index.js';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { cardActionTexts } from '../../src/texts/common-texts.js';
import { callbackValue, callbackValueIfOne } from '../helpers/card-tree.js';
import { capturingLogger, codesOf } from '../helpers/lark-traffic.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

// Card callbacks change data only on a message Ducha sent (its Lark id is in the outbox) to the
// person 1:1 or into their own school chat. Everything through the real webhook and sandbox.

const SCHOOL_01 = 'oc_demo_school_01';
const FORM = { home_visits: '3', phone_followups: '1', new_alerts: '0', note: '' };

describe('card callbacks are tied to the cards the bot sent', () => {
  const logs = capturingLogger();
  let ducha: TestDucha;

  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-12-01T09:00:00+08:00', roster: 'demo', log: logs.log });
    await ducha.tick();
    ducha.setTime('2026-12-03T10:00:00+08:00');
  });
  afterAll(() => ducha?.close());

  const responseCount = async () => (await ducha.db.select({ n: count() }).from(responses))[0]!.n;
  const answersOf = (openId: string) =>
    ducha.db.select({ answers: responses.answers }).from(responses).innerJoin(people, eq(people.id, responses.personId)).where(eq(people.openId, openId));
  const cardWith = (match: (m: SandboxMessage) => boolean, action: string) => {
    const found = ducha.botMessages().filter((m) => match(m) && callbackValueIfOne(m)?.action === action);
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  const schoolPrompt = () => cardWith((m) => m.chat_id === SCHOOL_01, 'respond');

  /** Clicks, and checks the click was refused with a toast and changed nothing. */
  async function expectRefused(click: () => ReturnType<TestDucha['click']>, o: { code: string; toast: string | RegExp }) {
    const before = await responseCount();
    const mark = logs.lines.length;
    const clicked = await click();
    expect(clicked.delivered.status).toBe(200);
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'error' });
    expect(clicked.delivered.body.toast.content).toMatch(o.toast);
    expect(codesOf(logs.lines.slice(mark))).toEqual([o.code]);
    expect(clicked.sent).toEqual([]);
    expect(await responseCount()).toBe(before);
  }

  it('refuses a form submitted with a made-up open_message_id and the current round id, storing nothing', async () => {
    const card = schoolPrompt();
    await expectRefused(
      () => ducha.click('ou_demo_t0101', card.message_id, { value: callbackValue(card), form_value: FORM, forge_message_id: 'om_made_up_0001' }),
      { code: 'not_your_card', toast: cardActionTexts.notYourCard },
    );
    expect(await answersOf('ou_demo_t0101')).toEqual([]);
  });

  it('still takes the school chat’s prompt card submitted by a teacher of that school', async () => {
    const card = schoolPrompt();
    const clicked = await ducha.click('ou_demo_t0101', card.message_id, { value: callbackValue(card), form_value: FORM });
    expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
    expect(await answersOf('ou_demo_t0101')).toEqual([{ answers: { home_visits: 3, phone_followups: 1, new_alerts: 0, note: null } }]);
    expect(clicked.sent).toHaveLength(1);
    expect(clicked.sent[0]!.receive_id).toBe('ou_demo_t0101');
  });

  it('refuses school 01’s prompt card to a teacher of school 02 (a real message, not her school’s chat)', async () => {
    const card = schoolPrompt();
    await expectRefused(() => ducha.click('ou_demo_t0201', card.message_id, { value: callbackValue(card), form_value: FORM }), {
      code: 'not_your_card',
      toast: cardActionTexts.notYourCard,
    });
    expect(await answersOf('ou_demo_t0201')).toEqual([]);
  });

  it('refuses a principal’s 1:1 card to a teacher of the same school', async () => {
    const card = cardWith((m) => m.receive_id === 'ou_demo_p01' && m.text.includes('月有安排'), 'respond');
    await expectRefused(() => ducha.click('ou_demo_t0102', card.message_id, { value: callbackValue(card), form_value: { arrangement: '家访' } }), {
      code: 'not_your_card',
      toast: cardActionTexts.notYourCard,
    });
  });

  it('tells a teacher submitting the principals’ campaign on her school’s card that it is not hers, before reading the form', async () => {
    const principals = callbackValue(cardWith((m) => m.receive_id === 'ou_demo_p01' && m.text.includes('月有安排'), 'respond'));
    const card = schoolPrompt();
    // The teachers' form: none of the principals' required fields is there.
    await expectRefused(() => ducha.click('ou_demo_t0103', card.message_id, { value: principals, form_value: FORM }), {
      code: 'not_audience',
      toast: /^「月有安排」不需要您填报/,
    });
  });

  describe('the principal’s reminder card', () => {
    const reminderOf = (openId: string) => cardWith((m) => m.receive_id === openId, 'nudge');

    beforeAll(async () => {
      await ducha.tick('2026-12-22T09:00:00+08:00');
      ducha.setTime('2026-12-22T10:00:00+08:00');
    });

    it('refuses its nudge button to another principal, posting nothing', async () => {
      const card = reminderOf('ou_demo_p02');
      await expectRefused(() => ducha.click('ou_demo_p03', card.message_id, { value: callbackValue(card) }), {
        code: 'not_your_card',
        toast: cardActionTexts.notYourCard,
      });
    });

    it('refuses a nudge on a made-up message id, even by the card’s own principal', async () => {
      const card = reminderOf('ou_demo_p02');
      await expectRefused(() => ducha.click('ou_demo_p02', card.message_id, { value: callbackValue(card), forge_message_id: 'om_made_up_0002' }), {
        code: 'not_your_card',
        toast: cardActionTexts.notYourCard,
      });
    });

    it('still nudges for the principal it was sent to', async () => {
      const card = reminderOf('ou_demo_p02');
      const clicked = await ducha.click('ou_demo_p02', card.message_id, { value: callbackValue(card) });
      expect(clicked.delivered.body.toast).toMatchObject({ type: 'success' });
      expect(clicked.sent).toHaveLength(1);
      expect(clicked.sent[0]!.chat_id).toBe('oc_demo_school_02');
    });
  });
});
