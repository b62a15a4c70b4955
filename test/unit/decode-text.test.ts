import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/domain/text/decode-text.js';
import { encodeGbk, encodeLatin1, encodeUtf16, encodeUtf8Bom } from '../helpers/encode-text.js';

const ROSTER = '镇街,学校,姓名,角色,open_id,群id\r\n横渠镇,横渠镇中心小学,王建华,校长,ou_p1,oc_s1\r\n齐镇,齐镇中心小学,赵明,老师,ou_t1,oc_s2\r\n';

describe('decodeText', () => {
  it('reads plain ASCII and UTF-8 as UTF-8, never as GBK', () => {
    expect(decodeText(new TextEncoder().encode('town,school\nok,1\n'))).toEqual({ ok: true, text: 'town,school\nok,1\n', encoding: 'utf-8' });
    expect(decodeText(new TextEncoder().encode(ROSTER))).toEqual({ ok: true, text: ROSTER, encoding: 'utf-8' });
    expect(decodeText(new Uint8Array())).toEqual({ ok: true, text: '', encoding: 'utf-8' });
  });

  it('strips a UTF-8 BOM', () => {
    expect(decodeText(encodeUtf8Bom(ROSTER))).toEqual({ ok: true, text: ROSTER, encoding: 'utf-8-bom' });
  });

  it('reads UTF-16 LE and BE by their BOM', () => {
    expect(decodeText(encodeUtf16(ROSTER, 'le'))).toEqual({ ok: true, text: ROSTER, encoding: 'utf-16le' });
    expect(decodeText(encodeUtf16(ROSTER, 'be'))).toEqual({ ok: true, text: ROSTER, encoding: 'utf-16be' });
  });

  it('reads GBK, as Excel saves CSV on Chinese Windows', () => {
    const bytes = encodeGbk(ROSTER);
    // The helper really wrote two bytes a Chinese character, not UTF-8.
    expect(bytes.length).toBe(ROSTER.length + [...ROSTER].filter((c) => c > '\u007f').length);
    expect(decodeText(bytes)).toEqual({ ok: true, text: ROSTER, encoding: 'gb18030' });
  });

  it('refuses Latin-1 text that is neither UTF-8 nor GBK', () => {
    expect(decodeText(encodeLatin1('name,town\nZoë,Café,\nJosé,Málaga\n'))).toEqual({ ok: false, reason: 'not_text' });
  });

  it('refuses binary bytes, and UTF-16 without its BOM (NULs are not text)', () => {
    const binary = new Uint8Array(512).map((_, i) => (i * 197 + 89) % 256);
    expect(decodeText(binary)).toEqual({ ok: false, reason: 'not_text' });
    expect(decodeText(encodeUtf16('town,school\n', 'le').subarray(2))).toEqual({ ok: false, reason: 'not_text' });
    expect(decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))).toEqual({ ok: false, reason: 'not_text' });
  });

  it('refuses a BOM followed by bytes invalid in its encoding', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xff]))).toEqual({ ok: false, reason: 'not_text' });
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x61, 0x00]))).toEqual({ ok: false, reason: 'not_text' });
  });
});
