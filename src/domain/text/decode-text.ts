// A text file's bytes → its text, for every file an admin hands the CLI (rosters, campaign JSON).
// Excel on Chinese Windows saves CSV as GBK, "Unicode text" as UTF-16 LE with a BOM, and
// "CSV UTF-8" with a BOM; editors save plain UTF-8. No I/O here: the CLI reads, this decides.

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type DecodedText = { ok: true; text: string; encoding: TextEncodingName } | { ok: false; reason: 'not_text' };

type Bom = { bytes: readonly number[]; label: 'utf-8' | 'utf-16le' | 'utf-16be'; encoding: TextEncodingName };

// UTF-8's BOM first: it shares no prefix with UTF-16's. (UTF-32 is not accepted; its LE BOM starts
// like UTF-16 LE's, and then the NUL check below refuses it.)
const BOMS: readonly Bom[] = [
  { bytes: [0xef, 0xbb, 0xbf], label: 'utf-8', encoding: 'utf-8-bom' },
  { bytes: [0xff, 0xfe], label: 'utf-16le', encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], label: 'utf-16be', encoding: 'utf-16be' },
];

/**
 * A BOM decides the encoding; without one, strict UTF-8 is tried first (so ASCII and UTF-8 text are
 * never taken for GBK), then strict GB18030 (a superset of GBK and GB2312). Bytes that are neither,
 * or that decode to control characters no spreadsheet or editor writes (NUL and the like, as in
 * binary files or UTF-16 without a BOM), are refused rather than guessed at.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const bom = BOMS.find((b) => b.bytes.every((byte, i) => bytes[i] === byte));
  if (bom) {
    const text = strictDecode(bom.label, bytes.subarray(bom.bytes.length));
    return text !== null && looksLikeText(text) ? { ok: true, text, encoding: bom.encoding } : { ok: false, reason: 'not_text' };
  }
  for (const [label, encoding] of [
    ['utf-8', 'utf-8'],
    ['gb18030', 'gb18030'],
  ] as const) {
    const text = strictDecode(label, bytes);
    if (text !== null) return looksLikeText(text) ? { ok: true, text, encoding } : { ok: false, reason: 'not_text' };
  }
  return { ok: false, reason: 'not_text' };
}

function strictDecode(label: string, bytes: Uint8Array): string | null {
  try {
    // ignoreBOM: the BOM (if any) was already taken off above.
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

// C0 controls other than tab, line feed, form feed and carriage return, and DEL.
const NOT_TEXT = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;

function looksLikeText(text: string): boolean {
  return !NOT_TEXT.test(text);
}
