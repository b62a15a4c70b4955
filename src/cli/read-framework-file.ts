import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseFrameworkFile, type FrameworkDefinition } from '../model/framework-definition.js';
import { frameworkTexts } from '../texts/framework-texts.js';
import { readTextFile } from './read-text-file.js';

export type FrameworkFileRead = { ok: true; framework: FrameworkDefinition } | { ok: false; message: string; problems: string[] };

/**
 * An admin's framework file → a validated framework, or what is wrong with it: `.yaml`/`.yml` is
 * read as YAML, anything else as JSON (so JSON never depends on the YAML parser). The text itself
 * may be in any encoding readTextFile accepts.
 */
export async function readFrameworkFile(file: string): Promise<FrameworkFileRead> {
  const read = await readTextFile(file);
  if (!read.ok) return { ok: false, message: `${file}: ${read.message}`, problems: [] };
  const yaml = ['.yaml', '.yml'].includes(extname(file).toLowerCase());
  let value: unknown;
  try {
    value = yaml ? parseYaml(read.text) : JSON.parse(read.text);
  } catch (error) {
    const reason = (error as Error).message;
    return { ok: false, message: yaml ? frameworkTexts.notYaml(file, reason) : frameworkTexts.notJson(file, reason), problems: [] };
  }
  const parsed = parseFrameworkFile(value);
  if (parsed.ok) return parsed;
  return { ok: false, message: frameworkTexts.nothingChanged(file, parsed.problems.length), problems: parsed.problems };
}
