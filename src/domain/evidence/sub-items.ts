import type { Db } from '../../db/database.js';
import { findActiveFramework, listFrameworkSubItems, type FrameworkSubItem } from '../../db/queries/evidence.js';
import { DomainError } from '../../errors.js';
import { evidenceTexts as t } from '../../texts/evidence-texts.js';

export type { FrameworkSubItem } from '../../db/queries/evidence.js';

/** The framework in force and its sub-items in the file's order; undefined when none is active. */
export async function readActiveSubItems(db: Db): Promise<{ frameworkId: number; title: string; subItems: FrameworkSubItem[] } | undefined> {
  const framework = await findActiveFramework(db);
  if (!framework) return undefined;
  return { frameworkId: framework.id, title: framework.title, subItems: await listFrameworkSubItems(db, framework.id) };
}

/** What the picker offers: sub-items scored by evidence first, then the rest, each in the file's order. */
export const pickerOrder = (subItems: readonly FrameworkSubItem[]): FrameworkSubItem[] => [
  ...subItems.filter((s) => s.scoring === 'evidence'),
  ...subItems.filter((s) => s.scoring !== 'evidence'),
];

/** `2.3`, `２．３` or `2。3` as a code: full-width digits and dots read as ASCII. */
const asCode = (words: string) =>
  words
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。、]/g, '.')
    .toLowerCase();

/**
 * The sub-item the words name: its code exactly (`2.3`), else the one whose name contains them
 * (`安全台账`). Several, or none, is a refusal naming the choices.
 */
export function matchSubItem(subItems: readonly FrameworkSubItem[], words: string): FrameworkSubItem {
  const code = asCode(words);
  if (!code) throw new DomainError('unknown_sub_item', t.whichSubItem);
  const byCode = subItems.find((s) => s.code.toLowerCase() === code);
  if (byCode) return byCode;
  const byName = subItems.filter((s) => s.name.includes(words.trim()));
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) throw new DomainError('ambiguous_sub_item', t.ambiguousSubItem(words.trim(), byName.slice(0, 8).map((s) => `${s.code} ${s.name}`)));
  throw new DomainError('unknown_sub_item', t.unknownSubItem(words.trim(), pickerOrder(subItems).slice(0, 30).map((s) => s.code)));
}
