import { readFile } from 'node:fs/promises';
import { decodeText, type TextEncodingName } from '../domain/text/decode-text.js';
import { textFileTexts } from '../texts/roster-import-texts.js';

export type TextFile = { ok: true; text: string; encoding: TextEncodingName } | { ok: false; message: string };

/** The bytes of a file → a failure message in Chinese (already without the file name). */
export async function readFileBytes(file: string): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; message: string }> {
  try {
    return { ok: true, bytes: await readFile(file) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, message: textFileTexts.cannotRead(code === 'ENOENT' ? textFileTexts.noSuchFile : (error as Error).message) };
  }
}

/**
 * Every text file the CLI reads (roster CSV, campaign JSON) comes through here: UTF-8 with or without
 * a BOM, UTF-16 LE/BE with a BOM, or GBK/GB18030 as Excel saves it on Chinese Windows. Anything else
 * is refused, never imported as mojibake.
 */
export async function readTextFile(file: string): Promise<TextFile> {
  const read = await readFileBytes(file);
  if (!read.ok) return read;
  const decoded = decodeText(read.bytes);
  return decoded.ok ? decoded : { ok: false, message: textFileTexts.notText };
}
