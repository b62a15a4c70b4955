import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCounty, DEMO_TOWNS } from '../../src/domain/roster/demo-county.js';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

const BUREAU = 'oc_demo_bureau';

type Counts = { answered: number; expected: number; visits: number; phone: number; alerts: number };
type SchoolInfo = { name: string; town: string; chatId: string; teachers: string[] };

/** The demo roster's schools, in order, with their teachers' open ids. */
function demoSchools(): SchoolInfo[] {
  const bySchool = new Map<string, SchoolInfo>();
  for (const row of buildDemoCounty()) {
    if (row.role !== 'teacher') continue;
    const school = bySchool.get(row.school!) ?? { name: row.school!, town: row.town!, chatId: row.chatId!, teachers: [] };
    bySchool.set(row.school!, school);
    school.teachers.push(row.openId);
  }
  return [...bySchool.values()];
}

// Known answers, as [open id, text, visits, phone, alerts]. School 03 includes a correction:
// it names every count (a correction changes only what it names), so only the latest counts.
const ANSWERS: [string, string, number, number, number][] = [
  ['ou_demo_t0101', '走访5户 电话3户 新增预警1人', 5, 3, 1],
  ['ou_demo_t0102', '走访2户', 2, 0, 0],
  ['ou_demo_t0103', '走访4户 电话2户 新增预警1人', 4, 2, 1],
  ['ou_demo_t0104', '电话1户', 0, 1, 0],
  ['ou_demo_t0301', '走访10户 电话10户 新增预警10人', 10, 10, 10],
  ['ou_demo_t0301', '走访3户 电话3户 新增预警0人', 3, 3, 0],
  ['ou_demo_t0302', '走访1户 电话2户 新增预警1人', 1, 2, 1],
  ['ou_demo_t0401', '走访7户 新增预警2人', 7, 0, 2],
  ['ou_demo_t1601', '走访两户 电话一户', 2, 1, 0],
];

/** Expected numbers per school (by name), from the roster and the answers' latest versions. */
function expectedCounts(schools: SchoolInfo[]): Map<string, Counts> {
  const latest = new Map<string, [number, number, number]>();
  for (const [openId, , v, p, a] of ANSWERS) latest.set(openId, [v, p, a]);
  const out = new Map<string, Counts>();
  for (const s of schools) {
    const c: Counts = { answered: 0, expected: s.teachers.length, visits: 0, phone: 0, alerts: 0 };
    for (const t of s.teachers) {
      const answer = latest.get(t);
      if (!answer) continue;
      c.answered += 1;
      c.visits += answer[0];
      c.phone += answer[1];
      c.alerts += answer[2];
    }
    out.set(s.name, c);
  }
  return out;
}

function sum(counts: Counts[]): Counts {
  return counts.reduce(
    (t, c) => ({
      answered: t.answered + c.answered,
      expected: t.expected + c.expected,
      visits: t.visits + c.visits,
      phone: t.phone + c.phone,
      alerts: t.alerts + c.alerts,
    }),
    { answered: 0, expected: 0, visits: 0, phone: 0, alerts: 0 },
  );
}

/** Reads answered/expected and the three sums from one line of the card, by the form's labels. */
function readCounts(line: string): Counts {
  const ratio = /(\d+)\s*\/\s*(\d+)/.exec(line);
  // `走访户数 40` on a school line, `走访户数 **40**` on a totals line.
  const after = (label: string) => {
    const m = new RegExp(`(?:^|· )${label} (?:\\*\\*)?(\\d+)`).exec(line);
    return m ? Number(m[1]) : NaN;
  };
  return {
    answered: ratio ? Number(ratio[1]) : NaN,
    expected: ratio ? Number(ratio[2]) : NaN,
    visits: after('走访户数'),
    phone: after('电话随访户数'),
    alerts: after('新增预警人数'),
  };
}

const lineWith = (text: string, needle: string) => {
  const lines = text.split('\n').filter((l) => l.includes(needle));
  expect(lines, `one line with ${needle} in:\n${text}`).toHaveLength(1);
  return lines[0]!;
};

describe('the bureau summary and who may ask for it', () => {
  let ducha: TestDucha;
  const schools = demoSchools();
  const expected = expectedCounts(schools);
  const county = sum([...expected.values()]);
  const hengqu = schools.filter((s) => s.town === '横渠镇');

  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-12-01T09:00:00+08:00', roster: 'demo' });
    await ducha.tick();
    ducha.setTime('2026-12-10T10:00:00+08:00');
    for (const [openId, text] of ANSWERS) {
      const school = schools.find((s) => s.teachers.includes(openId))!;
      const { reply } = await ducha.say(openId, text, school.chatId);
      expect(reply?.text).toMatch(/已(收到|更新)/);
    }
  });
  afterAll(() => ducha?.close());

  /** A bureau officer asks; the answer is one card, sent as a reply to the question. */
  async function askForCard(text: string, as: { openId: string; chatId?: string } = { openId: 'ou_demo_b1', chatId: BUREAU }): Promise<SandboxMessage> {
    const { replies, reply, message_id } = await ducha.say(as.openId, text, as.chatId);
    expect(replies).toHaveLength(1);
    expect(reply!.parent_id).toBe(message_id);
    expect(reply!.msg_type, reply!.text).toBe('interactive');
    return reply!;
  }

  function expectSchoolLines(card: SandboxMessage, which: SchoolInfo[]) {
    for (const s of which) expect(readCounts(lineWith(card.text, s.name)), s.name).toEqual(expected.get(s.name));
  }

  describe('before the deadline', () => {
    it('「汇总」 in the bureau chat answers with a card: every school, its numbers, and county totals', async () => {
      const card = await askForCard('汇总');
      expect(card.chat_id).toBe(BUREAU);
      expect(card.text).toContain('常态化动态预警监测汇总 · 2026-12');
      expectSchoolLines(card, schools);
      for (const town of DEMO_TOWNS) expect(card.text).toContain(town);
      expect(county).toEqual({ answered: 8, expected: 94, visits: 24, phone: 12, alerts: 5 });
      expect(readCounts(lineWith(card.text, '全县'))).toEqual(county);
      // Nobody is marked late before the deadline.
      expect(card.text).not.toContain('🔴');
      expect(card.text).not.toContain('已截止未完成');
    });

    it('shows the per-town totals', async () => {
      const card = await askForCard('汇总');
      const hengquLine = card.text.split('\n').find((l) => l.includes('横渠镇') && !l.includes('(示例)'))!;
      expect(readCounts(hengquLine)).toEqual(sum(hengqu.map((s) => expected.get(s.name)!)));
    });

    it('「汇总 2026-12」 gives the same numbers for the named month', async () => {
      const card = await askForCard('汇总 2026-12');
      expect(card.text).toContain('常态化动态预警监测汇总 · 2026-12');
      expectSchoolLines(card, schools);
      expect(readCounts(lineWith(card.text, '全县'))).toEqual(county);
    });

    it.each(['汇总 横渠镇', '汇总 2026-12 横渠镇'])('「%s」 shows only that town’s schools', async (question) => {
      const card = await askForCard(question);
      expect(card.text).toContain('横渠镇');
      expect(hengqu).toHaveLength(2);
      expectSchoolLines(card, hengqu);
      for (const other of schools.filter((s) => s.town !== '横渠镇')) expect(card.text).not.toContain(other.name);
      const totals = sum(hengqu.map((s) => expected.get(s.name)!));
      expect(totals).toEqual({ answered: 3, expected: 13, visits: 11, phone: 5, alerts: 3 });
      expect(readCounts(lineWith(card.text, '合计'))).toEqual(totals);
      expect(card.text).not.toContain('全县');
    });

    it('an admin may ask too, and 1:1 with the bot', async () => {
      const card = await askForCard('汇总', { openId: 'ou_demo_a1' });
      expect(card.chat_type).toBe('p2p');
      expect(card.chat_id).toBe('oc_p2p_ou_demo_a1');
      expect(readCounts(lineWith(card.text, '全县'))).toEqual(county);
    });

    it('an unknown town gets a helpful text listing the towns', async () => {
      const { reply, replies } = await ducha.say('ou_demo_b1', '汇总 火星镇', BUREAU);
      expect(replies).toHaveLength(1);
      expect(reply!.msg_type).toBe('text');
      expect(reply!.text).toContain('火星镇');
      for (const town of DEMO_TOWNS) expect(reply!.text).toContain(town);
    });

    it('a month without a round gets a helpful text', async () => {
      const { reply, replies } = await ducha.say('ou_demo_b1', '汇总 2025-03', BUREAU);
      expect(replies).toHaveLength(1);
      expect(reply!.msg_type).toBe('text');
      expect(reply!.text).toContain('2025-03');
      expect(reply!.text).toMatch(/汇总 \d{4}-\d{2}/);
    });

    it('a month that is no month gets the usage', async () => {
      const { reply } = await ducha.say('ou_demo_b1', '汇总 2026-13', BUREAU);
      expect(reply!.msg_type).toBe('text');
      expect(reply!.text).toContain('汇总 2026-12 横渠镇');
    });
  });

  describe('after the deadline', () => {
    it('marks every incomplete school, and only those', async () => {
      ducha.setTime('2026-12-26T10:00:00+08:00');
      const card = await askForCard('汇总');
      expectSchoolLines(card, schools);
      expect(readCounts(lineWith(card.text, '全县'))).toEqual(county);
      for (const s of schools) {
        const line = lineWith(card.text, s.name);
        const complete = expected.get(s.name)!.answered === expected.get(s.name)!.expected;
        if (complete) {
          expect(line, s.name).not.toContain('🔴');
          expect(line, s.name).not.toContain('已截止未完成');
        } else {
          expect(line, s.name).toContain('🔴');
          expect(line, s.name).toContain('已截止未完成');
        }
      }
      // School 01 is the one complete school.
      expect(expected.get(schools[0]!.name)).toMatchObject({ answered: 4, expected: 4 });
    });
  });

  describe('refusals and help', () => {
    it.each([
      ['a teacher in the school chat', 'ou_demo_t0201', 'oc_demo_school_02'],
      ['a principal 1:1', 'ou_demo_p01', undefined],
      ['a principal in the bureau chat', 'ou_demo_p02', BUREAU],
    ])('%s asking 汇总 gets a polite refusal and no card', async (_who, openId, chatId) => {
      const before = ducha.botMessages().filter((m) => m.msg_type === 'interactive').length;
      const { reply, replies, message_id } = await ducha.say(openId, '汇总', chatId);
      expect(replies).toHaveLength(1);
      expect(reply!.parent_id).toBe(message_id);
      expect(reply!.msg_type).toBe('text');
      expect(reply!.text).toContain('汇总');
      expect(reply!.text).toMatch(/抱歉|对不起|不好意思/);
      expect(reply!.text).not.toContain('全县');
      expect(ducha.botMessages().filter((m) => m.msg_type === 'interactive')).toHaveLength(before);
    });

    it('「帮助」 and 「help」 list what a teacher may do, without 汇总', async () => {
      for (const ask of ['帮助', 'help']) {
        const { reply } = await ducha.say('ou_demo_t0102', ask, 'oc_demo_school_01');
        expect(reply!.msg_type).toBe('text');
        expect(reply!.text).toContain('我的');
        expect(reply!.text).toContain('走访');
        expect(reply!.text).not.toContain('汇总');
      }
    });

    it('「帮助」 and 「help」 list what a bureau officer may do, with 汇总 and without the teacher-only commands', async () => {
      const teacherHelp = (await ducha.say('ou_demo_t0102', '帮助', 'oc_demo_school_01')).reply!.text;
      for (const ask of ['帮助', 'help']) {
        const { reply } = await ducha.say('ou_demo_b1', ask, BUREAU);
        expect(reply!.msg_type).toBe('text');
        expect(reply!.text).toContain('汇总');
        expect(reply!.text).not.toMatch(/^\W*我的/m);
        expect(reply!.text).not.toBe(teacherHelp);
      }
    });
  });
});
