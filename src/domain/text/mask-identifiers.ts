// Numbers that identify a person — a national ID (居民身份证号) or a mobile number — do not belong
// in a note that the bureau reads and exports (PIPL: a minor's data is sensitive). They are masked
// before an answer is stored, the way Chinese services print them: 110101********1234, 138****5678.

export type MaskedKinds = { ids: number; mobiles: number };

// 17 digits and a check character, not inside a longer run of digits.
const ID_CANDIDATE = /(?<![0-9])[1-9]\d{16}[0-9Xx](?![0-9])/g;
// 1[3-9]x xxxx xxxx, optionally +86 and spaces or dashes between the groups.
const MOBILE = /(?<![0-9])((?:\+?86[\s-]?)?1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?![0-9])/g;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643: the 18th character is the ISO 7064 MOD 11-2 check of the first 17. */
export function isNationalId(candidate: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(candidate)) return false;
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(candidate[i]), 0);
  return CHECK[sum % 11] === candidate[17]!.toUpperCase();
}

/** The text with every national ID and mobile number masked, and how many of each there were. */
export function maskIdentifiers(text: string): { text: string; masked: MaskedKinds } {
  const masked: MaskedKinds = { ids: 0, mobiles: 0 };
  const withoutIds = text.replace(ID_CANDIDATE, (id) => {
    if (!isNationalId(id)) return id;
    masked.ids++;
    return `${id.slice(0, 6)}********${id.slice(14)}`;
  });
  const withoutMobiles = withoutIds.replace(MOBILE, (_whole, head: string, _middle: string, tail: string) => {
    masked.mobiles++;
    return `${head}****${tail}`;
  });
  return { text: withoutMobiles, masked };
}
