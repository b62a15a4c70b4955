import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCounty } from '../../src/domain/roster/demo-county.js';
import { capturingLogger } from '../helpers/lark-traffic.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';
import { formatStorm, runDuplicateStorm, stormRoster } from './duplicate-storm.js';
import { slowClientsWhileEventsFlow } from './slow-clients.js';
import {
  expectNoPartialRows,
  formatFuzz,
  fuzzCheckInTexts,
  fuzzDamagedCiphertext,
  fuzzDeepNesting,
  fuzzOddTexts,
  fuzzPrototypeKeys,
  fuzzRandomBodies,
  fuzzWrongTypes,
  newFuzzCounts,
  type FuzzContext,
} from './webhook-fuzz.js';

/**
 * The long versions of webhook-faults.test.ts, on Postgres (`npm run test:faults`): a bigger
 * duplicate storm, more fuzzed inputs under other seeds, and many more slow connections.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 7_20261129);
const storm = stormRoster(6, 10);
const roster = [...buildDemoCounty(), ...storm].map((row, i) => ({ ...row, line: i + 2 }));
const logs = capturingLogger();
const errors = () => logs.lines.filter((l) => l.level === 'error');
let ducha: TestDucha;

beforeAll(async () => {
  ducha = await startTestDucha({ now: '2026-12-01T08:00:00+08:00', roster, log: logs.log });
  await ducha.tick('2026-12-01T09:00:00+08:00');
});
afterAll(() => ducha?.close());

describe.runIf(process.env.DATABASE_URL)('on Postgres, at length', () => {
  it('a duplicate storm gives exactly one effect and one receipt per event', async () => {
    const counts = await runDuplicateStorm(ducha, storm, { seed: SEED, concurrency: 16, errors });
    console.log(formatStorm('duplicate storm (long)', counts));
    expect(counts.duplicates).toBeGreaterThan(counts.events);
  });

  it('fuzzed webhook bodies never give a 5xx, an uncaught error or a partial row', async () => {
    ducha.setTime('2026-12-03T10:00:00+08:00');
    const card = ducha.botMessages().find((m) => m.chat_id === 'oc_demo_school_01' && m.msg_type === 'interactive' && JSON.stringify(m.content).includes('"respond"'))!;
    const value = JSON.parse(JSON.stringify(card.content).match(/\{"action":"respond","round_id":\d+\}/)![0]) as unknown;
    const ctx: FuzzContext = {
      ducha,
      errors,
      teachers: roster.filter((r) => r.role === 'teacher' && r.chatId!.startsWith('oc_demo_school_')).map((r) => ({ openId: r.openId, chatId: r.chatId! })),
      card: { messageId: card.message_id, chatId: card.chat_id, value },
      seed: SEED,
    };
    const counts = newFuzzCounts();
    const inputs = new Map<string, string>();
    const expectReply = new Map<string, string>();
    await fuzzRandomBodies(ctx, counts, 600);
    await fuzzDamagedCiphertext(ctx, counts, 300);
    await fuzzWrongTypes(ctx, counts, 250, inputs);
    await fuzzOddTexts(ctx, counts, 60, expectReply);
    const checkIns = new Map<string, string>();
    await fuzzCheckInTexts(ctx, counts, 120, expectReply);
    await fuzzDeepNesting(ctx, counts, 150, expectReply);
    await fuzzPrototypeKeys(ctx, counts, 100, checkIns);
    await expectNoPartialRows(ctx, inputs, expectReply, checkIns);
    console.log(formatFuzz('webhook fuzz (long)', counts));
  });

  it('many slow or stuck clients do not hold up the acknowledgement of other requests', async () => {
    const teachers = roster.filter((r) => r.role === 'teacher').map((r) => r.openId);
    const counts = await slowClientsWhileEventsFlow(ducha, { stalled: 150, silent: 100, trickled: 10, events: 60, teachers });
    console.log(
      `slow clients (long): ${counts.slowConnections} slow connections held open (${counts.trickled} trickling a real event), ` +
        `${counts.eventsMeanwhile} events acknowledged and answered meanwhile, 0 failures`,
    );
  });
});
