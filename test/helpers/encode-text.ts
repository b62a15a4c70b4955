/**
 * Bytes of text as Windows programs save it, for tests of the CLI's encoding detection. Node's
 * TextEncoder writes only UTF-8, so GBK is built by a reverse lookup over the two-byte GBK range,
 * decoded once with TextDecoder('gb18030').
 */

let gbkTable: Map<string, readonly [number, number]> | undefined;

function gbkBytesOf(): Map<string, readonly [number, number]> {
  if (gbkTable) return gbkTable;
  const table = new Map<string, readonly [number, number]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  gbkTable = table;
  return table;
}

/** GBK as Excel's "CSV (逗号分隔)" writes it on Chinese Windows; throws on a character GBK lacks. */
export function encodeGbk(text: string): Uint8Array {
  const table = gbkBytesOf();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const pair = table.get(ch);
      if (!pair) throw new Error(`no GBK bytes for ${JSON.stringify(ch)}`);
      out.push(...pair);
    }
  }
  return new Uint8Array(out);
}

/** UTF-16 with its BOM, as Excel's "Unicode 文本" (LE) or other tools (BE) write it. */
export function encodeUtf16(text: string, order: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xfeff, order === 'le');
  for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), order === 'le');
  return out;
}

/** UTF-8 with a BOM, as Excel's "CSV UTF-8" writes it. */
export function encodeUtf8Bom(text: string): Uint8Array {
  return new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
}

/** Latin-1 (ISO-8859-1), one byte a character: what a Western-European Excel would write. */
export function encodeLatin1(text: string): Uint8Array {
  return new Uint8Array([...text].map((ch) => ch.codePointAt(0)! & 0xff));
}
