import { describe, it, expect } from 'vitest';
import { seededRandom } from '../../src/cli/generate/seeded-random.js';
import { parseReply, MAX_COUNT, type ReplyField } from '../../src/domain/forms/parse-reply.js';
import { monthlyCheckInFields, parseMonthlyCheckIn } from '../fixtures/monthly-check-in-fields.js';

type Row = [text: string, homeVisits: number, phoneFollowups: number, newAlerts: number, note: string | null];

// Replies as teachers actually type them: both scripts, numerals, punctuation, order, noise.
const replies: Row[] = [
  ['走访5户 电话3户 新增预警1人', 5, 3, 1, null],
  ['入户走访5户，电话随访3户，新增预警学生1名，备注：张家孩子已返校', 5, 3, 1, '张家孩子已返校'],
  ['走訪五戶、電話隨訪三戶、新增預警兩人', 5, 3, 2, null],
  ['入戶走訪3戶，電話回訪2次，無新增預警，備註：李家已聯繫', 3, 2, 0, '李家已联系'],
  ['走访５户，电话３户，预警１人', 5, 3, 1, null],
  ['走访：５户；电话随访：３次；新增预警：０人', 5, 3, 0, null],
  ['走访十二户，电话二十次，新增预警两人', 12, 20, 2, null],
  ['走访廿户 电话十户', 20, 10, 0, null],
  ['入户走访二十五户、电话随访九户', 25, 9, 0, null],
  ['老师好，本月走访了5户，电话随访共3次，新增预警学生1名。', 5, 3, 1, null],
  ['走访共计8户，电话联系家长4人次，没有新增预警', 8, 4, 0, null],
  ['新增预警1人，电话随访3户，走访5户', 5, 3, 1, null],
  ['电话随访3户；入户走访5户；预警0', 5, 3, 0, null],
  ['家访6户 电访2户 预警新增1人', 6, 2, 1, null],
  ['上门走访4家，电话回访3家', 4, 3, 0, null],
  ['上门2户、电话家访5户、新发现预警学生1名', 2, 5, 1, null],
  ['走访 5 户\n电话 3 户\n新增预警 0 人', 5, 3, 0, null],
  ['走访:5\n电话:3\n预警:1', 5, 3, 1, null],
  ['走访5户电话3户预警1人', 5, 3, 1, null],
  ['5户走访，3户电话随访，1名新增预警学生', 5, 3, 1, null],
  ['本月5户走访3户电话', 5, 3, 0, null],
  ['3个电话随访', 0, 3, 0, null],
  ['5户走访 电话3户 预警1人', 5, 3, 1, null],
  ['走访5户，3户电话随访', 5, 3, 0, null],
  ['👍走访5户😊 电话3户🙏', 5, 3, 0, null],
  ['@_user_1 走访5户，电话3户 @_all', 5, 3, 0, null],
  ['2024年12月走访5户，电话3户', 5, 3, 0, null],
  ['2024.12 走访5户', 5, 0, 0, null],
  ['12月份入户4户', 4, 0, 0, null],
  ['无新增预警', 0, 0, 0, null],
  ['新增预警无', 0, 0, 0, null],
  ['新增预警0人', 0, 0, 0, null],
  ['没有新增预警', 0, 0, 0, null],
  ['新增预警学生：暂无，走访3户', 3, 0, 0, null],
  ['本月未发现新增预警，走访3户', 3, 0, 0, null],
  ['走访5户，无新增预警', 5, 0, 0, null],
  ['走访了一些家庭，电话3户', 0, 3, 0, null],
  ['随访2户', 0, 2, 0, null],
  ['电话随访2户，说明：王同学电话停机', 0, 2, 0, '王同学电话停机'],
  ['走访5户，备注：电话3户未接通，新增预警待定', 5, 0, 0, '电话3户未接通,新增预警待定'],
  ['备注：张家孩子已返校', 0, 0, 0, '张家孩子已返校'],
  ['走访3户 备注  ：：  家长外出务工', 3, 0, 0, '家长外出务工'],
];

describe('parseMonthlyCheckIn: real-looking replies', () => {
  it.each(replies)('%j → %d/%d/%d, note %j', (text, homeVisits, phoneFollowups, newAlerts, note) => {
    const parsed = parseMonthlyCheckIn(text);
    expect(parsed).not.toBeNull();
    expect(parsed).toMatchObject({ homeVisits, phoneFollowups, newAlerts, note });
  });
});

describe('parseMonthlyCheckIn: not a check-in', () => {
  it.each([
    [''],
    ['   '],
    ['你好'],
    ['汇总'],
    ['我的'],
    ['帮助'],
    ['谢谢'],
    ['谢谢老师！👍'],
    ['12345'],
    ['@_user_1'],
    ['@_user_1 @_all'],
    ['查看我的走访记录'], // a label with no number is not a report
    ['电话号码是13812345678'],
    ['说明书在哪'], // a note label alone, without a colon, is a question
    ['请说明原因'],
    ['备注：'],
    ['备注 张家孩子已返校'],
  ])('%j → null', (text) => {
    expect(parseMonthlyCheckIn(text)).toBeNull();
  });
});

describe('parseMonthlyCheckIn: details', () => {
  it('reports which fields were written; missing counts are 0', () => {
    expect(parseMonthlyCheckIn('电话随访3户')).toEqual({
      homeVisits: 0,
      phoneFollowups: 3,
      newAlerts: 0,
      note: null,
      recognized: ['phone_followups'],
      rejected: [],
    });
  });

  it('longest label wins: 电话随访 is one phone field and 入户走访 one home-visit field', () => {
    expect(parseMonthlyCheckIn('电话随访3户')?.recognized).toEqual(['phone_followups']);
    expect(parseMonthlyCheckIn('入户走访5户')).toMatchObject({ homeVisits: 5, recognized: ['home_visits'] });
    expect(parseMonthlyCheckIn('电话家访4户')).toMatchObject({ homeVisits: 0, phoneFollowups: 4 });
  });

  it('a "no new alerts" reply counts as an answer for that field', () => {
    for (const text of ['无新增预警', '新增预警无', '新增预警0人', '没有新增预警']) {
      expect(parseMonthlyCheckIn(text)?.recognized, text).toEqual(['new_alerts']);
    }
  });

  it('a note alone is still a reply', () => {
    expect(parseMonthlyCheckIn('备注：本月请假')).toMatchObject({
      homeVisits: 0,
      phoneFollowups: 0,
      newAlerts: 0,
      note: '本月请假',
      recognized: ['note'],
    });
  });

  it('a field written twice with a correction word keeps the corrected value', () => {
    expect(parseReply('走访5户，电话3户，更正：走访7户', monthlyCheckInFields)).toMatchObject({
      values: { home_visits: 7, phone_followups: 3 },
      conflicts: [],
    });
    expect(parseReply('走访5户 改为走访6户', monthlyCheckInFields)?.conflicts).toEqual([]);
  });

  it('a field written twice with different numbers and no correction word is a conflict to ask about', () => {
    expect(parseReply('上个月走访了3户，这个月走访5户', monthlyCheckInFields)?.conflicts).toEqual([{ name: 'home_visits', values: [3, 5] }]);
    expect(parseReply('走访5户 走访6户', monthlyCheckInFields)?.conflicts).toEqual([{ name: 'home_visits', values: [5, 6] }]);
    // The same number twice is not a question.
    expect(parseReply('走访5户，共走访5户', monthlyCheckInFields)?.conflicts).toEqual([]);
  });

  it('a count introduced by 其中 is a part of the count before it, never added to it', () => {
    for (const text of ['走访5户（其中2户电话）', '走访5户,其中电话2户', '走访5户(其中电话随访2户)']) {
      expect(parseReply(text, monthlyCheckInFields)?.partOf, text).toEqual({ part: 'phone_followups', partValue: 2, whole: 'home_visits', wholeValue: 5 });
    }
    expect(parseReply('走访5户 电话2户', monthlyCheckInFields)?.partOf).toBeNull();
  });

  it('numbers a person writes but that are no count are rejected with the reason, not ignored', () => {
    const rejected = (text: string) => parseReply(text, monthlyCheckInFields)?.rejected;
    expect(rejected('走访3.5户')).toEqual([{ name: 'home_visits', problem: 'fraction', written: '3.5户' }]);
    expect(rejected('走访负3户')).toEqual([{ name: 'home_visits', problem: 'negative', written: '负3户' }]);
    expect(rejected('走访-3户')).toEqual([{ name: 'home_visits', problem: 'negative', written: '-3户' }]);
    expect(rejected('走访999999户')).toEqual([{ name: 'home_visits', problem: 'too_large', written: '999999户' }]);
    expect(rejected('走访三千户')).toEqual([{ name: 'home_visits', problem: 'unreadable', written: '三千户' }]);
    // 5.0 is a whole number, written the long way.
    expect(parseReply('走访5.0户', monthlyCheckInFields)?.values).toEqual({ home_visits: 5 });
  });

  it('reads hundreds in Chinese numerals', () => {
    expect(parseMonthlyCheckIn('走访一百户')?.homeVisits).toBe(100);
    expect(parseMonthlyCheckIn('走访一百二十三户')?.homeVisits).toBe(123);
    expect(parseMonthlyCheckIn('走访两百零五户')?.homeVisits).toBe(205);
  });

  it('本月没有走访 is a reply of 0 visits', () => {
    expect(parseReply('本月没有走访', monthlyCheckInFields)?.values).toEqual({ home_visits: 0 });
  });

  it('a later unacceptable value overrides an earlier good one, so the caller asks again', () => {
    expect(parseMonthlyCheckIn('走访5户 电话1户 走访-1户')).toMatchObject({
      homeVisits: 0,
      recognized: ['phone_followups'],
      rejected: ['home_visits'],
    });
  });

  it.each([
    ['走访-3户 电话2户'],
    ['走访负3户 电话2户'],
    ['走访12000户 电话2户'],
    [`走访${MAX_COUNT + 1}户 电话2户`],
    ['走访2.5户 电话2户'],
    ['走访三千二百户 电话2户'],
  ])('%j: the bad count is rejected, never misread', (text) => {
    expect(parseMonthlyCheckIn(text)).toMatchObject({
      homeVisits: 0,
      phoneFollowups: 2,
      recognized: ['phone_followups'],
      rejected: ['home_visits'],
    });
  });

  it(`accepts counts up to ${MAX_COUNT}`, () => {
    expect(parseMonthlyCheckIn(`走访${MAX_COUNT}户`)?.homeVisits).toBe(MAX_COUNT);
  });

  it('labels inside the note are part of the note, not counts', () => {
    expect(parseMonthlyCheckIn('走访5户 备注：电话3户没打通')).toMatchObject({
      phoneFollowups: 0,
      note: '电话3户没打通',
      recognized: ['home_visits', 'note'],
    });
  });

  it('keeps the whole note, however long: the form refuses it, the parser never cuts it', () => {
    const long = parseMonthlyCheckIn(`走访1户 备注：${'很'.repeat(3000)}`);
    expect(long?.note).toBe('很'.repeat(3000));
  });
});

describe('parseReply: reusable for other forms', () => {
  const fields: readonly ReplyField[] = [
    { name: 'meetings', kind: 'count', labels: ['家长会'] },
    { name: 'calls', kind: 'count', labels: ['电话', '電話'] },
    { name: 'remark', kind: 'text', labels: ['情况'] },
  ];

  it('uses the table it is given', () => {
    expect(parseReply('家长会2次，电话3次，情况：一切正常没有问题', fields)).toEqual({
      values: { meetings: 2, calls: 3, remark: '一切正常没有问题' },
      recognized: ['meetings', 'calls', 'remark'],
      rejected: [],
      conflicts: [],
      partOf: null,
    });
  });

  it('ignores labels from other forms', () => {
    expect(parseReply('走访5户', fields)).toBeNull();
    expect(parseReply('走访5户', monthlyCheckInFields)?.values).toEqual({ home_visits: 5 });
  });

  it('tolerates empty labels, empty tables and non-string input', () => {
    expect(parseReply('走访5户', [{ name: 'x', kind: 'count', labels: [''] }])).toBeNull();
    expect(parseReply('走访5户', [])).toBeNull();
    expect(parseReply(undefined as unknown as string, monthlyCheckInFields)).toBeNull();
  });
});

describe('parseReply never throws', () => {
  const pieces = [
    '走访', '入户', '电话随访', '电话', '随访', '新增预警', '预警', '备注', '说明', '：', ':', '，', '、', '；', ';',
    ',', '。', '\n', ' ', '\u3000', '户', '人', '次', '个', '无', '没有', '未', '-', '负', '.', '0', '5', '12',
    '99999', '５', '十', '二十', '两', '廿', '百', '一些', '戶', '訪', '@_user_1', '@_all', '👍', '😀', '\uD800',
    '\uDFFF', '\u0000', 'abc', '(', '）', '的', '了', '共',
  ];

  it('on 500 random replies, with integer counts in range', () => {
    const next = seededRandom(20240601);
    for (let i = 0; i < 500; i++) {
      const length = Math.floor(next() * 16);
      const text = Array.from({ length }, () => pieces[Math.floor(next() * pieces.length)] ?? '').join('');
      const parsed = parseMonthlyCheckIn(text);
      if (parsed === null) continue;
      for (const count of [parsed.homeVisits, parsed.phoneFollowups, parsed.newAlerts]) {
        expect(Number.isInteger(count), text).toBe(true);
        expect(count, text).toBeGreaterThanOrEqual(0);
        expect(count, text).toBeLessThanOrEqual(MAX_COUNT);
      }
      expect(parsed.recognized.length + parsed.rejected.length, text).toBeGreaterThan(0);
    }
  });

  // Speed is measured by `npm run bench`; here only the answers on huge input are pinned.
  it('answers sensibly on huge pasted input', () => {
    expect(parseMonthlyCheckIn(`${'1'.repeat(200_000)}户走访`)?.recognized ?? []).toEqual([]);
    expect(parseMonthlyCheckIn('走访'.repeat(50_000))).toBeNull();
    expect(parseMonthlyCheckIn(`走访${':'.repeat(100_000)}5户`)?.homeVisits).toBe(5);
  });
});
