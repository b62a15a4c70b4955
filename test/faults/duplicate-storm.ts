import { and, eq } from 'drizzle-orm';
import { seededRandom } from '../../src/cli/generate/seeded-random.js';
import { expect } from 'vitest';
import { MONTHLY_CAMPAIGN_CODE, requireCampaign } from '../../src/db/queries/campaigns.js';
import { people, receivedEvents, responses, rounds } from '../../src/db/schema/index.js';
import type { RosterRow } from '../../src/domain/roster/roster-row.js';
import { p2pChatIdFor, type SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { findNodes } from '../helpers/card-tree.js';
import type { TestDucha } from '../helpers/test-ducha.js';
import { settleFully } from './webhook-fuzz.js';
import { cardEvent, inParallel, messageEvent, post, sealed, type Answer, type Envelope, type LogLine } from '../helpers/lark-traffic.js';

/**
 * A duplicate storm: every event delivered 1–5 times on Lark's retry schedule (at once, then
 * 15 s, 5 min, 1 h and 6 h later), interleaved with everyone else's, some copies sent twice at
 * the same instant, some re-sent under a new event_id (same message_id), each copy encrypted and
 * signed afresh at the moment it is sent. The outcome must be one effect and one receipt each.
 */

const MINUTE = 60_000;
/** When Lark re-pushes an event it got no 200 for, after the first push (lark-platform.md §3.3). */
export const LARK_RETRY_SCHEDULE_MS = [0, 15_000, 5 * MINUTE, 60 * MINUTE, 6 * 60 * MINUTE];

/** A roster of `schools` schools with `teachers` teachers each (and a principal), in one town per 5 schools. */
export function stormRoster(schools: number, teachers: number): RosterRow[] {
  const rows: Omit<RosterRow, 'line'>[] = [];
  for (let s = 1; s <= schools; s++) {
    const town = `风暴${Math.ceil(s / 5)}镇`;
    const school = `风暴第${s}小学`;
    const chatId = `oc_storm_school_${s}`;
    rows.push({ town, school, educationGroup: null, groupRole: null, name: `校长${s}`, role: 'principal', openId: `ou_storm_p${s}`, chatId });
    for (let t = 1; t <= teachers; t++) {
      rows.push({ town, school, educationGroup: null, groupRole: null, name: `老师${s}之${t}`, role: 'teacher', openId: `ou_storm_t${s}_${t}`, chatId });
    }
  }
  return rows.map((r, i) => ({ line: i + 2, ...r }));
}

/** Deterministic, so a storm can be replayed from its seed. */
export function prng(seed: number) {
  const next = seededRandom(seed);
  return { next, int: (n: number) => Math.floor(next() * n) };
}

type Values = { home_visits: number; phone_followups: number; new_alerts: number };

type StormEvent =
  | { kind: 'text-check-in' | 'card-check-in'; openId: string; values: Values; envelope: Envelope; messageId?: string }
  | { kind: 'question'; openId: string; envelope: Envelope; messageId: string };

type Delivery = { event: StormEvent; at: number; copy: number; newEventId: boolean };

export type StormCounts = {
  events: number;
  deliveries: number;
  duplicates: number;
  sameInstantDuplicates: number;
  newEventIdDuplicates: number;
  receipts: number;
  failures: number;
};

const isRespondValue = (n: unknown): n is { action: 'respond'; round_id: number } =>
  typeof n === 'object' && n !== null && (n as { action?: unknown }).action === 'respond';

/** The value the prompt card's submit carries (in its callback behaviour; the last, were there several). */
function respondValue(card: SandboxMessage): { action: 'respond'; round_id: number } {
  const found = findNodes(card.content, (n) => n.type === 'callback' && isRespondValue(n.value)).at(-1)?.value;
  if (!isRespondValue(found)) throw new Error(`no respond value on card ${card.message_id}`);
  return found;
}

/**
 * Runs a storm against a Ducha that has `roster` (among others) and December's round open:
 * every teacher checks in once (text in the school chat, text 1:1 in Traditional
 * script, or the card form) and asks 「我的」 1:1, every principal asks 「帮助」. Checks the
 * outcome and returns the counts.
 */
export async function runDuplicateStorm(
  ducha: TestDucha,
  roster: RosterRow[],
  options: { seed: number; concurrency: number; errors: () => LogLine[]; startAt?: string },
): Promise<StormCounts> {
  const random = prng(options.seed);
  const base = new Date(options.startAt ?? '2026-12-02T10:00:00+08:00').getTime();
  ducha.setTime(new Date(base).toISOString());
  const state = ducha.sandbox;
  const key = state.settings.encryptKey!;

  const cards = new Map<string, SandboxMessage>();
  for (const m of ducha.botMessages()) {
    if (m.msg_type === 'interactive' && m.chat_id.startsWith('oc_storm_school_') && JSON.stringify(m.content).includes('"respond"')) {
      cards.set(m.chat_id, m);
    }
  }

  const events: StormEvent[] = [];
  roster.forEach((row, i) => {
    if (row.role === 'principal') {
      const { envelope, messageId } = messageEvent(state, { openId: row.openId, text: '帮助' });
      events.push({ kind: 'question', openId: row.openId, envelope, messageId });
      return;
    }
    const values: Values = { home_visits: 1 + (i % 17), phone_followups: i % 5, new_alerts: i % 3 };
    if (i % 3 === 0) {
      const text = `走访${values.home_visits}户 电话随访${values.phone_followups}户 新增预警${values.new_alerts}人`;
      const { envelope, messageId } = messageEvent(state, { openId: row.openId, text, chatId: row.chatId! });
      events.push({ kind: 'text-check-in', openId: row.openId, values, envelope, messageId });
    } else if (i % 3 === 1) {
      const text = `走訪${values.home_visits}戶，電話${values.phone_followups}戶，新增預警${values.new_alerts}名`;
      const { envelope, messageId } = messageEvent(state, { openId: row.openId, text });
      events.push({ kind: 'text-check-in', openId: row.openId, values, envelope, messageId });
    } else {
      const card = cards.get(row.chatId!);
      if (!card) throw new Error(`no prompt card in ${row.chatId}`);
      const envelope = cardEvent(state, {
        openId: row.openId,
        messageId: card.message_id,
        chatId: card.chat_id,
        value: respondValue(card),
        formValue: { home_visits: String(values.home_visits), phone_followups: String(values.phone_followups), new_alerts: String(values.new_alerts), note: '' },
      });
      events.push({ kind: 'card-check-in', openId: row.openId, values, envelope });
    }
    const mine = messageEvent(state, { openId: row.openId, text: '我的' });
    events.push({ kind: 'question', openId: row.openId, envelope: mine.envelope, messageId: mine.messageId });
  });

  // Each event's first push falls in one of ten waves a minute apart; its copies follow Lark's
  // schedule, or arrive at the very instant of another copy (an at-least-once double send).
  const deliveries: Delivery[] = [];
  let sameInstant = 0;
  let newEventIds = 0;
  for (const event of events) {
    const first = base + random.int(10) * MINUTE;
    const copies = 1 + random.int(5);
    // Lark does not re-push card callbacks; their duplicates only come close together.
    const schedule = event.kind === 'card-check-in' ? [0, 0, 15_000, 15_000, 30_000] : LARK_RETRY_SCHEDULE_MS;
    for (let copy = 0; copy < copies; copy++) {
      const double = copy > 0 && random.next() < 0.2;
      const newEventId = copy > 0 && event.kind !== 'card-check-in' && random.next() < 0.3;
      if (double) sameInstant++;
      if (newEventId) newEventIds++;
      deliveries.push({ event, copy, newEventId, at: first + (double ? 0 : schedule[copy]!) });
    }
  }
  const byInstant = new Map<number, Delivery[]>();
  for (const d of deliveries) byInstant.set(d.at, [...(byInstant.get(d.at) ?? []), d]);

  const answers: { delivery: Delivery; answer: Answer }[] = [];
  for (const at of [...byInstant.keys()].sort((a, b) => a - b)) {
    ducha.setTime(new Date(at).toISOString());
    const batch = byInstant.get(at)!;
    // Interleaved: shuffled within the instant, many in flight at once.
    for (let i = batch.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [batch[i], batch[j]] = [batch[j]!, batch[i]!];
    }
    await inParallel(batch, options.concurrency, async (delivery) => {
      const { envelope } = delivery.event;
      const sent = delivery.newEventId ? { ...envelope, header: { ...envelope.header, event_id: `${envelope.header.event_id}-again-${delivery.copy}` } } : envelope;
      const { raw, headers } = sealed(JSON.stringify(sent), key, new Date(at));
      const path = delivery.event.kind === 'card-check-in' ? '/lark/card' : '/lark/events';
      answers.push({ delivery, answer: await post(ducha.url + path, raw, headers) });
    });
  }
  await settleFully(ducha);

  // Every copy is acknowledged: 200, and for a click the toast (saved once, then 已处理).
  const unacknowledged = answers.filter((a) => a.answer.status !== 200);
  expect(unacknowledged.map((a) => `${a.delivery.event.kind} copy ${a.delivery.copy}: ${a.answer.status}`)).toEqual([]);
  const cardAnswers = answers.filter((a) => a.delivery.event.kind === 'card-check-in');
  for (const event of events.filter((e) => e.kind === 'card-check-in')) {
    const toasts = cardAnswers.filter((a) => a.delivery.event === event).map((a) => a.answer.body?.toast?.content);
    expect(toasts.filter((t) => t === '已收到填报'), `one saving toast for ${event.openId}: ${toasts.join(', ')}`).toHaveLength(1);
    expect(toasts.filter((t) => t !== '已收到填报').every((t) => t === '已处理')).toBe(true);
  }

  // Stored once per event, every one handled, none left with an error.
  // Stored once per event, under whichever of its event ids arrived first (a re-send under a new
  // event_id is recognised by its message_id), every one handled, none left with an error.
  const idsOf = new Map<StormEvent, Set<string>>();
  for (const d of deliveries) {
    const ids = idsOf.get(d.event) ?? new Set<string>();
    ids.add(d.newEventId ? `${d.event.envelope.header.event_id}-again-${d.copy}` : d.event.envelope.header.event_id);
    idsOf.set(d.event, ids);
  }
  const all = await ducha.db.select().from(receivedEvents);
  for (const [event, ids] of idsOf) {
    expect(all.filter((r) => ids.has(r.eventId)).map((r) => r.eventId), `stored rows of ${event.kind} by ${event.openId}`).toHaveLength(1);
  }
  const stored = all.filter((r) => [...idsOf.values()].some((ids) => ids.has(r.eventId)));
  expect(stored).toHaveLength(events.length);
  expect(stored.filter((r) => r.processedAt === null || r.lastError !== null || r.payload !== null)).toEqual([]);

  // One effect: one answer per teacher, never revised, with the values sent.
  const campaign = await requireCampaign(ducha.db, MONTHLY_CAMPAIGN_CODE);
  const stored_ = await ducha.db
    .select({ openId: people.openId, answers: responses.answers, revisions: responses.revisions, source: responses.source })
    .from(responses)
    .innerJoin(people, eq(people.id, responses.personId))
    .innerJoin(rounds, eq(rounds.id, responses.roundId))
    .where(and(eq(rounds.campaignId, campaign.id), eq(rounds.period, '2026-12')));
  const checkIns = events.filter((e) => e.kind !== 'question');
  const teachers = new Set(roster.filter((r) => r.role === 'teacher').map((r) => r.openId));
  expect(stored_.filter((r) => teachers.has(r.openId))).toHaveLength(checkIns.length);
  const byOpenId = new Map(stored_.map((r) => [r.openId, r]));
  for (const event of checkIns) {
    const row = byOpenId.get(event.openId);
    expect(row, event.openId).toBeDefined();
    expect(row!.revisions, `${event.openId} was stored more than once`).toBe(0);
    expect(row!.answers).toMatchObject(event.values);
    expect(row!.source).toBe(event.kind === 'card-check-in' ? 'card' : 'text');
  }

  // One receipt: a reply to each message, a 1:1 receipt for each card form.
  const bot = ducha.botMessages();
  const repliesTo = new Map<string, SandboxMessage[]>();
  for (const m of bot) if (m.parent_id) repliesTo.set(m.parent_id, [...(repliesTo.get(m.parent_id) ?? []), m]);
  let receipts = 0;
  for (const event of events) {
    if (event.kind === 'card-check-in') {
      const own = bot.filter((m) => m.chat_id === p2pChatIdFor(event.openId) && m.parent_id === null && m.text.includes('已收到'));
      expect(own, `card receipts for ${event.openId}`).toHaveLength(1);
      receipts += own.length;
    } else {
      const replies = repliesTo.get(event.messageId!) ?? [];
      expect(replies, `replies to ${event.openId}'s message`).toHaveLength(1);
      if (event.kind === 'text-check-in') expect(replies[0]!.text).toContain('已收到');
      receipts += replies.length;
    }
  }
  expect(new Set(bot.map((m) => m.uuid)).size).toBe(bot.length);
  expect(options.errors()).toEqual([]);

  return {
    events: events.length,
    deliveries: deliveries.length,
    duplicates: deliveries.length - events.length,
    sameInstantDuplicates: sameInstant,
    newEventIdDuplicates: newEventIds,
    receipts,
    // Any failed expectation above has thrown: a storm that returns had none.
    failures: 0,
  };
}

export function formatStorm(label: string, c: StormCounts): string {
  return (
    `${label}: ${c.events} events, ${c.deliveries} deliveries (${c.duplicates} duplicates: ` +
    `${c.sameInstantDuplicates} at the same instant, ${c.newEventIdDuplicates} under a new event_id), ` +
    `${c.receipts} receipts, ${c.failures} failures`
  );
}
