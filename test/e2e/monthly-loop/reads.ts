import { and, asc, count, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { campaigns, people, responseRevisions, responses, rounds } from '../../../src/db/schema/index.js';
import type { SandboxMessage } from '../../../src/lark/sandbox/sandbox-state.js';
import { callbackValue, findNodes } from '../../helpers/card-tree.js';
import { MONTHLY, PRINCIPALS } from '../../helpers/demo-county.js';
import type { TestDucha } from '../../helpers/test-ducha.js';

/**
 * What the monthly loop's tests (monthly-loop.test.ts, monthly-loop-next-round.test.ts) read from
 * the server: the cards it sent and what it stored.
 */

export const SCHOOL_01 = 'oc_demo_school_01';
export const SCHOOL_02 = 'oc_demo_school_02';

const isPromptFor = (period: string) => (m: SandboxMessage) =>
  m.msg_type === 'interactive' && m.chat_type === 'group' && m.text.includes(`${period} ${MONTHLY}`);

/** A principals' campaign's prompt: a card sent 1:1 to the principal, titled with the period and the campaign. */
const isPrincipalPromptFor = (period: string, title: string) => (m: SandboxMessage) =>
  m.msg_type === 'interactive' && m.chat_type === 'p2p' && m.receive_id_type === 'open_id' && m.text.includes(`${period} ${title}`);

type Opened = { campaign: string; period: string; prompts: number };
export const byCampaign = (a: Opened, b: Opened) => a.campaign.localeCompare(b.campaign);

/** The monthly form's answers, every field present (a left-out count is 0, a left-out note null). */
export const monthly = (homeVisits: number, phoneFollowups: number, newAlerts: number, note: string | null) => ({
  home_visits: homeVisits,
  phone_followups: phoneFollowups,
  new_alerts: newAlerts,
  note,
});

/** Readers over the server a test file started (in its beforeAll, hence the getter). */
export function monthlyLoopReads(server: () => TestDucha) {
  const db = () => server().db;
  const prompts = (period: string) => server().botMessages().filter(isPromptFor(period));
  const principalPrompts = (period: string, title: string) => server().botMessages().filter(isPrincipalPromptFor(period, title));
  /** The round's id, as its cards name it. */
  const roundId = async (code: string, period: string) => {
    const [row] = await db()
      .select({ id: rounds.id })
      .from(rounds)
      .innerJoin(campaigns, eq(campaigns.id, rounds.campaignId))
      .where(and(eq(campaigns.code, code), eq(rounds.period, period)));
    return row!.id;
  };
  /** Every principal got exactly one such card, 1:1, whose form asks the campaign's one field of the named round. */
  const expectOnePromptPerPrincipal = async (o: { period: string; title: string; code: string; field: string; due: string }) => {
    const cards = principalPrompts(o.period, o.title);
    expect(cards.map((m) => m.receive_id).sort()).toEqual(PRINCIPALS);
    expect(cards.every((m) => m.chat_id === `oc_p2p_${m.receive_id}`)).toBe(true);
    const id = await roundId(o.code, o.period);
    for (const card of cards) {
      expect(card.text).toContain(o.due);
      const forms = findNodes(card.content, (n) => n.tag === 'form');
      expect(forms).toHaveLength(1);
      expect(findNodes(forms[0], (n) => n.tag === 'input').map((n) => n.name)).toEqual([o.field]);
      expect(callbackValue(card)).toEqual({ action: 'respond', round_id: id });
      // 1:1 there is nobody to @: the card says to answer directly.
      expect(card.text).not.toContain('@我');
    }
  };
  const promptIn = (period: string, chatId: string) => {
    const found = prompts(period).filter((m) => m.chat_id === chatId);
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  const personNamed = async (openId: string) => {
    const [row] = await db().select().from(people).where(eq(people.openId, openId));
    return row!;
  };
  /** What is stored for one person, in every campaign, oldest round first. */
  const storedFor = async (openId: string) =>
    db()
      .select({
        id: responses.id,
        campaign: campaigns.code,
        period: rounds.period,
        answers: responses.answers,
        late: responses.late,
        source: responses.source,
        revisions: responses.revisions,
        submittedAt: responses.submittedAt,
      })
      .from(responses)
      .innerJoin(people, eq(people.id, responses.personId))
      .innerJoin(rounds, eq(rounds.id, responses.roundId))
      .innerJoin(campaigns, eq(campaigns.id, rounds.campaignId))
      .where(eq(people.openId, openId))
      .orderBy(asc(rounds.opensAt));
  const countRows = async (table: typeof responses | typeof responseRevisions | typeof rounds) => {
    const [row] = await db().select({ n: count() }).from(table);
    return row!.n;
  };
  return { prompts, principalPrompts, roundId, expectOnePromptPerPrincipal, promptIn, personNamed, storedFor, countRows };
}
