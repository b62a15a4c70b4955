import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { riskFlags } from '../../src/db/schema/students.js';
import { isDomainError, type ErrorCode } from '../../src/errors.js';
import { addDays } from '../../src/domain/calendar/local-date.js';
import { normalizeText } from '../../src/domain/text/normalize-text.js';
import { MAX_VISIT_TEXT_LENGTH, parseVisitText, type ParsedVisit } from '../../src/domain/visits/parse-visit-text.js';
import { visitTexts } from '../../src/texts/visit-texts.js';

const TODAY = '2026-12-10';

/** What the chat router hands over: the text after 家访, normalised, and as typed. */
const parse = (said: string, today = TODAY) => parseVisitText({ text: normalizeText(said), said, today });

/** The DomainError a text is refused with (code and message), failing the test when it is taken. */
function refusal(said: string, today = TODAY): { code: ErrorCode; message: string } {
  try {
    parse(said, today);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { code: error.code, message: error.userMessage };
  }
  throw new Error(`taken: ${said}`);
}

const visit = (v: Partial<ParsedVisit>): ParsedVisit => ({
  student: '张小明',
  mode: 'home',
  findings: '',
  measures: null,
  risks: [],
  visitedOn: TODAY,
  aidStatus: null,
  eligibility: null,
  masked: [],
  ...v,
});

// A national ID that passes GB 11643's check (the standard's own example).
const ID = '11010519491231002X';

describe('parseVisitText: visits as teachers write them', () => {
  it('reads the documented example', () => {
    expect(parse('张小明 入户 父母在外务工，由祖母照看，学习正常 风险：无 措施：每周电话联系')).toEqual(
      visit({ findings: '父母在外务工，由祖母照看，学习正常', measures: '每周电话联系' }),
    );
  });

  it('reads Traditional input, and keeps findings and measures as written', () => {
    expect(parse('張小明 入戶 父母在外務工，由祖母照看 風險：輟學風險 措施：每週電話聯繫')).toEqual(
      visit({ findings: '父母在外務工，由祖母照看', measures: '每週電話聯繫', risks: ['辍学风险'] }),
    );
    expect(parse('張小明 視頻通話 情緒低落 風險：心理健康｜安全').risks).toEqual(['心理健康', '安全']);
    expect(parse('張小明 上門 家中無人').mode).toBe('home');
  });

  it('keeps line breaks and full-width punctuation inside the findings', () => {
    expect(parse('张小明 入户 父母在外务工；\n由祖母照看。\n风险：无').findings).toBe('父母在外务工；\n由祖母照看。');
  });

  it.each([
    ['入户', 'home'],
    ['上门', 'home'],
    ['电话', 'phone'],
    ['电访', 'phone'],
    ['电话随访', 'phone'],
    ['视频', 'video'],
    ['视频通话', 'video'],
  ] as const)('reads the mode %s', (word, mode) => {
    expect(parse(`李娜 ${word} 学习正常`)).toEqual(visit({ student: '李娜', mode, findings: '学习正常' }));
  });

  it('takes the mode before the student, and glued to the student or followed by a comma', () => {
    expect(parse('电话 王芳 已返校上课')).toEqual(visit({ student: '王芳', mode: 'phone', findings: '已返校上课' }));
    expect(parse('王芳电话，已返校上课')).toEqual(visit({ student: '王芳', mode: 'phone', findings: '已返校上课' }));
    expect(parse('入户，王芳，已返校上课').student).toBe('王芳');
  });

  it('takes a school-local number or a minority name as the student', () => {
    expect(parse('0312 电访 家长说已返校').student).toBe('0312');
    expect(parse('阿依古丽·买买提 入户 学习正常').student).toBe('阿依古丽·买买提');
  });

  it('reads the labelled parts in any order, with or without a colon', () => {
    const expected = visit({ findings: '学习正常', measures: '每周联系', risks: ['安全'], visitedOn: '2026-12-09' });
    expect(parse('张小明 入户 学习正常 措施：每周联系 日期：昨天 风险：安全')).toEqual(expected);
    expect(parse('张小明 入户 学习正常 日期:昨天 风险:安全 措施:每周联系')).toEqual(expected);
    expect(parse('张小明 入户 学习正常 风险 安全 措施 每周联系 日期 昨天')).toEqual(expected);
    expect(parse('张小明 入户 学习正常，风险：安全，措施：每周联系，日期：昨天')).toEqual(expected);
    expect(parse('日期：昨天 张小明 入户 学习正常 风险：安全 措施：每周联系')).toEqual(expected);
    expect(parse('张小明 入户 学习正常。日期：昨天。风险：安全。措施：每周联系')).toEqual({ ...expected, findings: '学习正常。' });
    expect(parse('@_user_1 张小明 入户 学习正常｜风险：安全｜措施：每周联系｜日期：昨天')).toEqual(expected);
  });

  it('reads findings labelled 发现, 情况 or 家访情况, and joins them to unlabelled ones', () => {
    expect(parse('张小明 入户 情况：学习正常').findings).toBe('学习正常');
    expect(parse('张小明 入户 措施：每周联系 发现：学习正常').findings).toBe('学习正常');
    expect(parse('张小明 入户 家访情况：学习正常').findings).toBe('学习正常');
    expect(parse('张小明 入户 父母在外 风险：无 情况：学习正常').findings).toBe('父母在外 学习正常');
    expect(parse('张小明 入户 学习正常 帮扶措施：送教上门 每周联系').measures).toBe('送教上门 每周联系');
  });

  it('leaves the teacher’s own 家庭情况：, 有辍学风险 and 措施得当 inside the findings', () => {
    expect(parse('0312 电访 家庭情况：父母离异，学习情况：下滑，有辍学风险，措施得当')).toEqual(
      visit({ student: '0312', mode: 'phone', findings: '家庭情况：父母离异，学习情况：下滑，有辍学风险，措施得当' }),
    );
  });

  it('reads several risk flags, whatever separates them, in the register’s order', () => {
    expect(parse('张小明 入户 x 风险：安全、辍学风险').risks).toEqual(['辍学风险', '安全']);
    expect(parse('张小明 入户 x 风险：返贫风险，资助不符').risks).toEqual(['返贫风险', '资助不符']);
    expect(parse('张小明 入户 x 风险：心理健康 安全 | 辍学风险').risks).toEqual(['辍学风险', '心理健康', '安全']);
    expect(parse('张小明 入户 x 风险：安全、安全').risks).toEqual(['安全']);
    expect(parse(`张小明 入户 x 风险：${riskFlags.join('、')}`).risks).toEqual([...riskFlags]);
  });

  it('takes 无, 暂无, 没有 or nothing after 风险 as no risk', () => {
    for (const none of ['无', '暂无', '没有', '']) expect(parse(`张小明 入户 学习正常 风险：${none}`).risks).toEqual([]);
  });

  it('has no measures when none are written, or 措施 is left empty', () => {
    expect(parse('张小明 入户 学习正常').measures).toBeNull();
    expect(parse('张小明 入户 学习正常 措施：').measures).toBeNull();
  });
});

describe('parseVisitText: the visit date', () => {
  it.each([
    ['', '2026-12-10'],
    ['今天', '2026-12-10'],
    ['昨天', '2026-12-09'],
    ['前天', '2026-12-08'],
    ['12月3日', '2026-12-03'],
    ['12月3号', '2026-12-03'],
    ['十二月三日', '2026-12-03'],
    ['12.3', '2026-12-03'],
    ['12/3', '2026-12-03'],
    ['2026-12-03', '2026-12-03'],
    ['2026/12/3', '2026-12-03'],
    ['2026年12月3日', '2026-12-03'],
    ['12 月 3 日', '2026-12-03'],
    ['12月11日', '2025-12-11'],
    ['2025-12-10', '2025-12-10'],
  ])('日期：%s → %s', (written, date) => {
    expect(parse(`张小明 入户 学习正常 日期：${written}`).visitedOn).toBe(date);
  });

  it('takes a month and day after today as last year’s, across the new year', () => {
    expect(parse('张小明 入户 学习正常 日期：12月30日', '2027-01-05').visitedOn).toBe('2026-12-30');
    expect(parse('张小明 入户 学习正常 日期：昨天', '2027-01-01').visitedOn).toBe('2026-12-31');
  });

  it('refuses a day to come', () => {
    expect(refusal('张小明 入户 学习正常 日期：2026-12-11')).toEqual({ code: 'invalid_field', message: visitTexts.futureDate('2026-12-11') });
  });

  it('refuses a day more than a year back', () => {
    expect(refusal('张小明 入户 学习正常 日期：2025-12-09')).toEqual({ code: 'invalid_field', message: visitTexts.tooOld('2025-12-09', '2025-12-10') });
    expect(refusal('张小明 入户 学习正常 日期：2024年5月1日').message).toBe(visitTexts.tooOld('2024-05-01', '2025-12-10'));
    expect(refusal('张小明 入户 学习正常 日期：2027-02-27', '2028-02-29').message).toBe(visitTexts.tooOld('2027-02-27', '2027-02-28'));
  });

  it.each(['上周', '12月32日', '2月30日', '13.1', '2026-1303', '3日'])('refuses 日期：%s as unreadable', (written) => {
    expect(refusal(`张小明 入户 学习正常 日期：${written}`)).toEqual({ code: 'invalid_field', message: visitTexts.unreadableDate(written) });
  });

  it('refuses 29 February when neither this year nor last has one', () => {
    expect(refusal('张小明 入户 学习正常 日期：2月29日', '2027-03-01').code).toBe('invalid_field');
  });

  it('throws a plain error when the caller’s today is not a date', () => {
    expect(() => parse('张小明 入户 学习正常', '2026-13-01')).toThrow(/today is not a date/);
  });
});

describe('parseVisitText: refusals', () => {
  it.each([
    ['', 'missing_field', visitTexts.usage],
    ['  ', 'missing_field', visitTexts.usage],
    ['风险：无 措施：每周联系', 'missing_field', visitTexts.usage],
    ['入户', 'missing_field', visitTexts.missingStudent],
    ['张小明 父母在外务工', 'missing_field', visitTexts.missingMode],
    ['张小明入户父母在外务工', 'missing_field', visitTexts.missingMode],
    ['张小明 家访 父母在外务工', 'missing_field', visitTexts.missingMode],
    ['入户 电话 张小明 学习正常', 'ambiguous_answer', visitTexts.twoModes],
    ['张小明 入户', 'missing_field', visitTexts.missingFindings],
    ['张小明 入户 风险：无 措施：每周联系', 'missing_field', visitTexts.missingFindings],
    ['张小明 入户 学习正常 风险：无、安全', 'invalid_field', visitTexts.noneWithOthers(['安全'])],
    ['张小明 入户 学习正常 风险：辍学', 'invalid_field', visitTexts.unknownRisk('辍学', riskFlags)],
    ['张小明 入户 风险：无 学习正常', 'invalid_field', visitTexts.unknownRisk('学习正常', riskFlags)],
    ['张小明 入户 学习正常 风险：无 风险：安全', 'ambiguous_answer', visitTexts.writtenTwice('风险')],
    ['张小明 入户 发现：学习正常 情况：父母在外', 'ambiguous_answer', visitTexts.writtenTwice('情况')],
    ['张小明 入户 学习正常 措施：每周联系 帮扶措施：送教', 'ambiguous_answer', visitTexts.writtenTwice('帮扶措施')],
    ['张小明 入户 学习正常 日期：昨天 日期：前天', 'ambiguous_answer', visitTexts.writtenTwice('日期')],
    [`${ID} 入户 学习正常`, 'invalid_field', visitTexts.studentIsIdentifier],
    ['13812345678 电话 学习正常', 'invalid_field', visitTexts.studentIsIdentifier],
    ['阿依古丽买买提阿依古丽买买提阿依古丽买买提 入户 学习正常', 'invalid_field', visitTexts.studentUnreadable('阿依古丽买买提阿依古丽买买提阿依古丽买买提')],
  ] as const)('refuses %j', (said, code, message) => {
    expect(refusal(said)).toEqual({ code, message });
  });

  it('shows the expected format with the example where the text is not a visit', () => {
    for (const message of [visitTexts.usage, visitTexts.missingMode, visitTexts.missingFindings]) expect(message).toContain(visitTexts.example);
    expect(visitTexts.unknownRisk('辍学', riskFlags)).toContain(riskFlags.join('、'));
  });

  it(`keeps findings and measures up to ${MAX_VISIT_TEXT_LENGTH} characters, counted in code points`, () => {
    const longest = '好'.repeat(MAX_VISIT_TEXT_LENGTH - 1) + '𠮷';
    expect(parse(`张小明 入户 ${longest}`).findings).toBe(longest);
    expect(refusal(`张小明 入户 ${longest}好`)).toEqual({
      code: 'invalid_field',
      message: visitTexts.tooLong(visitTexts.findingsLabel, MAX_VISIT_TEXT_LENGTH, MAX_VISIT_TEXT_LENGTH + 1),
    });
    expect(refusal(`张小明 入户 学习正常 措施：${'好'.repeat(MAX_VISIT_TEXT_LENGTH + 2)}`).message).toBe(
      visitTexts.tooLong(visitTexts.measuresLabel, MAX_VISIT_TEXT_LENGTH, MAX_VISIT_TEXT_LENGTH + 2),
    );
  });
});

describe('parseVisitText: identifying numbers', () => {
  it('masks IDs and mobile numbers in findings and measures, and says where', () => {
    expect(parse(`张小明 入户 母亲身份证${ID}，电话13812345678 措施：联系舅舅 139-1234-5678`)).toEqual(
      visit({
        findings: '母亲身份证110105********002X，电话138****5678',
        measures: '联系舅舅 139****5678',
        masked: [
          { label: visitTexts.findingsLabel, ids: 1, mobiles: 1 },
          { label: visitTexts.measuresLabel, ids: 0, mobiles: 1 },
        ],
      }),
    );
  });

  it('masks a mobile number typed in full-width digits', () => {
    const parsed = parse('張小明 電話 家長電話１３８１２３４５６７８，已聯繫');
    expect(parsed.findings).toBe('家长电话138****5678,已联系');
    expect(parsed.masked).toEqual([{ label: visitTexts.findingsLabel, ids: 0, mobiles: 1 }]);
  });

  it('keeps normalised text when there is no written message to keep', () => {
    expect(parseVisitText({ text: normalizeText('張小明 入戶 家中無人，風險：無'), today: TODAY }).findings).toBe('家中无人');
  });
});

describe('parseVisitText: properties', () => {
  const han = (chars: string, max: number) => fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: max }).map((a) => a.join(''));
  // Words with no label or mode in them, as findings and measures are.
  const words = fc
    .array(fc.oneof(han('父母在外务工由祖母照看学习成绩下降身体健康已返校', 12), fc.constantFrom('，', '。', '\n', '；')), { minLength: 1, maxLength: 8 })
    .map((parts) => parts.join(''))
    .filter((s) => /^[^，。；\s]/.test(s));
  const student = fc.oneof(han('王李张刘陈杨赵黄周吴欧阳小明芳娜伟', 4), fc.stringMatching(/^\d{3,6}$/));
  const dated = fc.integer({ min: 0, max: 364 }).map((back) => addDays(TODAY, -back));

  it('reads back every part, whatever order the labelled ones are written in', () => {
    const modes = { 入户: 'home', 电话: 'phone', 视频: 'video' } as const;
    fc.assert(
      fc.property(
        student,
        fc.constantFrom(...(Object.keys(modes) as (keyof typeof modes)[])),
        words,
        fc.option(words, { nil: null }),
        fc.subarray([...riskFlags]),
        dated,
        fc.integer({ min: 0, max: 5 }),
        fc.option(fc.constantFrom(['已到位', 'full'], ['部分到位', 'partial'], ['未到位', 'none']), { nil: null }),
        fc.option(fc.constantFrom(['符合', 'eligible'], ['不再符合', 'ineligible'], ['待核实', 'unverified']), { nil: null }),
        (name, modeWord, findings, measures, risks, date, rotation, aid, eligibility) => {
          const labelled = [
            `风险：${risks.length > 0 ? risks.join('、') : '无'}`,
            `日期：${date}`,
            ...(measures === null ? [] : [`措施：${measures}`]),
            ...(aid === null ? [] : [`资助：${aid[0]}`]),
            ...(eligibility === null ? [] : [`资格：${eligibility[0]}`]),
          ];
          const turned = [...labelled.slice(rotation % labelled.length), ...labelled.slice(0, rotation % labelled.length)];
          const parsed = parse([name, modeWord, findings, ...turned].join(' '));
          const trim = (s: string) => s.replace(/^[\s，；]+|[\s，；]+$/g, '');
          expect(parsed).toEqual({
            student: name,
            mode: modes[modeWord],
            findings: trim(findings),
            measures: measures === null ? null : trim(measures),
            risks,
            visitedOn: date,
            aidStatus: aid?.[1] ?? null,
            eligibility: eligibility?.[1] ?? null,
            masked: [],
          });
        },
      ),
    );
  });

  it('never keeps a mobile number, in whatever digits or spacing it is typed', () => {
    const width = (s: string, full: boolean) => (full ? s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) : s);
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), fc.boolean(), fc.constantFrom('', ' ', '-'), words, (mobile, full, gap, before) => {
        const typed = width(`${mobile.slice(0, 3)}${gap}${mobile.slice(3, 7)}${gap}${mobile.slice(7)}`, full);
        const parsed = parse(`张小明 电话 ${before}家长电话${typed}`);
        // Masked to its first three and last four digits (the middle four may repeat the last: 130 7896 7896).
        const findings = normalizeText(parsed.findings);
        expect(findings).toContain(`${mobile.slice(0, 3)}****${mobile.slice(7)}`);
        // No longer run of digits is left anywhere: the masked form's are three and four.
        expect(findings).not.toMatch(/\d{5,}/);
        expect(parsed.masked).toEqual([{ label: visitTexts.findingsLabel, ids: 0, mobiles: 1 }]);
      }),
    );
  });
});
