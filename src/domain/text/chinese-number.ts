// Small numbers as teachers type them in chat: "5", "五", "两", "十二", "二十五", "廿", "一百二十".

const DIGIT: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

const ASCII_DIGITS = /^\d{1,6}$/;
// 两 stands alone ("两户") but is not used inside compound numbers ("十二", not "十两").
const TENS = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/;
const TWENTIES = /^廿([一二三四五六七八九])?$/;
// 一百, 两百, 一百零五, 一百二十, 一百二十三, and the spoken 一百五 (= 150).
const HUNDREDS = /^([一二两三四五六七八九])百(?:零([一二三四五六七八九])|([一二三四五六七八九])十([一二三四五六七八九])?|([一二三四五六七八九]))?$/;

export function parseChineseNumber(s: string): number | null {
  const t = s.trim();
  if (ASCII_DIGITS.test(t)) return Number(t);
  if (Object.hasOwn(DIGIT, t)) return DIGIT[t] ?? null;
  const tens = TENS.exec(t);
  if (tens) return digit(tens[1], 1) * 10 + digit(tens[2], 0);
  const twenties = TWENTIES.exec(t);
  if (twenties) return 20 + digit(twenties[1], 0);
  const hundreds = HUNDREDS.exec(t);
  if (hundreds) {
    const [, h, units, tens, tensUnits, spokenTens] = hundreds;
    return digit(h, 0) * 100 + digit(units, 0) + digit(tens, 0) * 10 + digit(tensUnits, 0) + digit(spokenTens, 0) * 10;
  }
  return null;
}

function digit(c: string | undefined, absent: number): number {
  return c === undefined ? absent : (DIGIT[c] ?? absent);
}
