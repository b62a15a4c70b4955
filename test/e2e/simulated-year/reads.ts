import { expect } from 'vitest';
import type { SandboxMessage } from '../../../src/lark/sandbox/sandbox-state.js';
import { fmt } from './calendar.js';
import type { School } from './people.js';
import type { SimulatedYear } from './plan.js';

/**
 * Questions the simulated year's assertions ask of what the walk recorded. `year` is read when a
 * question is asked (the test's beforeAll runs the year), never written.
 */
export function yearReads(year: () => SimulatedYear) {
  const kind = (m: SandboxMessage) => year().kindOf.get(m.uuid ?? '')?.kind;
  const expectedFor = (r: { code: string; period: string }) => year().expected.find((e) => e.code === r.code && e.period === r.period)!;
  const roundByTitlePeriod = (title: string, period: string) => {
    const e = year().expected.find((x) => x.title === title && x.period === period);
    return e && year().roundRows.find((r) => r.code === e.code && r.period === period);
  };
  /** Did the person answer the round by this moment? */
  const answeredBy = (roundId: number, personId: number, ms: number) =>
    year().answerRows.some((a) => a.roundId === roundId && a.personId === personId && a.submittedAt <= ms);
  const missingTeachersAt = (roundId: number, school: School, ms: number) => school.teachers.filter((t) => !answeredBy(roundId, t.id, ms));
  /** Messages the bot started: not a reply to someone's message, not the receipt of a card click. */
  const started = () => year().messages.filter((m) => m.parent_id === null && kind(m) !== 'receipt');
  const ofKind = (k: string) => year().messages.filter((m) => kind(m) === k);
  /** The round a nudge is about: it names the campaign and the (shifted) deadline. */
  const nudgeRound = (m: SandboxMessage) => {
    const candidates = year().roundRows.filter((r) => {
      const e = expectedFor(r);
      return e.audience === 'teachers' && m.text.includes(`「${e.title}」`) && m.text.includes(fmt(r.dueAt));
    });
    expect(candidates, m.text).toHaveLength(1);
    return candidates[0]!;
  };
  const reminderRound = (m: SandboxMessage) => {
    const candidates = year().roundRows.filter((r) => m.text.includes(`${r.period}「${expectedFor(r).title}」`));
    expect(candidates, m.text).toHaveLength(1);
    return candidates[0]!;
  };
  /** The round an escalation is about: 【落后提醒】{period}「{title}」. */
  const reminderRoundOfEscalation = (m: SandboxMessage) => {
    const found = /^【落后提醒】(\S+)「(.+?)」/.exec(m.text);
    expect(found, m.text).not.toBeNull();
    const r = roundByTitlePeriod(found![2]!, found![1]!);
    expect(r, m.text).toBeDefined();
    return r!;
  };
  return { kind, expectedFor, answeredBy, missingTeachersAt, started, ofKind, nudgeRound, reminderRound, reminderRoundOfEscalation };
}
