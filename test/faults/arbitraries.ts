import fc from 'fast-check';

/**
 * fast-check generators for what people (and attackers) send: check-in texts in either script,
 * mixed with noise, and strange Unicode.
 */

/** Words of real check-ins, both scripts, with the numbers and units teachers write. */
const CHECK_IN_WORDS = [
  '走访', '入户走访', '入户', '家访', '上门', '电话随访', '电话', '随访', '电访', '新增预警', '新增预警学生', '预警',
  '走訪', '電話隨訪', '電話', '新增預警', '備註：', '备注：', '说明：', '說明',
  '户', '戶', '家', '人', '名', '次', '户次', '个', '位',
  '了', '共', '共计', '的', '有', '暂无', '没有', '无', '未', '本月', '12月', '2026.12', '本周',
  '我的', '汇总', '帮助', 'help', '填报', '上报', '查询',
];
const NUMBERS = ['0', '1', '5', '12', '99', '9999', '10000', '-3', '−2', '负1', '2.5', '１２', '五', '十二', '两', '廿', '一百零五', '三千', '万', '零', '〇', '十十', '99999999999999999999'];
const PUNCTUATION = ['，', '。', '；', '、', '：', ':', ',', '.', ';', '!', '？', '/', '|', ' ', '  ', '\n', '\t', '　'];

/** Odd Unicode: control characters, NUL, bidi marks, zero-width joiners, emoji, lone surrogates, combining marks. */
export const ODD_CHARACTERS = [
  '\u0000', '\u0001', '\u001f', '\u007f', '\u200b', '\u200d', '\u202e', '\u2066', '\ufeff', '\ufffd', '\uffff',
  '\ud800', '\udfff', '\ud83d', '😀', '👩‍👩‍👧‍👦', '🇨🇳', 'é', 'e\u0301', '\u0301', '𠀀', '𪚥', '〇', '﷽', '\\', '"', "'", '<at id=all></at>', '${x}', '%s',
];

const cjk = fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c));

const piece = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...CHECK_IN_WORDS) },
  { weight: 4, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 3, arbitrary: fc.constantFrom(...PUNCTUATION) },
  { weight: 3, arbitrary: cjk },
  { weight: 1, arbitrary: fc.constantFrom(...ODD_CHARACTERS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.nat({ max: 100_000 }).map(String) },
);

/** Random Chinese and mixed text, mostly shaped like check-ins. */
export const checkInText = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

/** Any string at all: arbitrary UTF-16 (lone surrogates included), graphemes, or odd characters. */
export const oddString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.array(fc.constantFrom(...ODD_CHARACTERS), { maxLength: 12 }).map((a) => a.join('')),
  checkInText,
);

/** A long text: one piece repeated, up to `maxChars` characters. */
export const hugeString = (maxChars: number) =>
  fc
    .tuple(fc.oneof(oddString, checkInText).filter((s) => s.length > 0), fc.integer({ min: 1_000, max: maxChars }))
    .map(([unit, size]) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size));

/** A value of the wrong type for any field: absent, null, numbers, strings, arrays, objects. */
export const wrongValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER, 1e308),
  oddString,
  fc.constant(''),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

/**
 * Nesting as JSON text (JSON.stringify overflows on it): `depth` levels of arrays and objects in a
 * repeating pattern, mostly near the door's bound of 64, sometimes tens of thousands deep.
 */
export const deepNesting = fc
  .record({
    depth: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 80 }) }, { weight: 2, arbitrary: fc.integer({ min: 1_000, max: 60_000 }) }),
    objects: fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
  })
  .map(({ depth, objects }) => {
    const open = Array.from({ length: depth }, (_, i) => (objects[i % objects.length] ? '{"k":' : '['));
    const close = open.map((o) => (o === '[' ? ']' : '}')).reverse();
    return { depth, json: open.join('') + '1' + close.join('') };
  });

/** What a `__proto__` key may carry: any wrong value, or fields Lark's envelope and the SDK read. */
export const prototypeValue = fc.oneof(
  wrongValue,
  fc.record(
    {
      encrypt: fc.constant('x'),
      schema: fc.constant('1.0'),
      header: fc.record({ event_type: fc.constant('im.message.receive_v1'), event_id: fc.constant('spoofed') }),
      event: fc.constant({}),
      sender: fc.record({ sender_type: fc.constant('user'), sender_id: fc.record({ open_id: fc.constant('ou_demo_p01') }) }),
      message: fc.record({ message_type: fc.constant('image'), content: fc.constant('{}') }),
      toString: fc.constant(1),
    },
    { requiredKeys: [] },
  ),
);
