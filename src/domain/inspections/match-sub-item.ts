import type { InspectionSubItem } from '../../db/queries/inspections.js';
import { DomainError } from '../../errors.js';
import { inspectionTexts as t } from '../../texts/inspection-texts.js';

const compact = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/**
 * The inspection sub-item the inspector's words name: its code (`2.1`), its name or a unique part
 * of it, or its 大项's name (or a unique part) when that 大项 has exactly one inspection sub-item.
 */
export function matchSubItem(subItems: readonly InspectionSubItem[], words: string): InspectionSubItem {
  const said = compact(words);
  const known = subItems.slice(0, 3).map((s) => `${s.code} 或 ${s.name}`).join('、');
  if (!said) throw new DomainError('invalid_field', t.unknownSubItem('', known));
  const byCode = subItems.filter((s) => compact(s.code) === said);
  if (byCode.length === 1) return byCode[0]!;
  const byName = subItems.filter((s) => compact(s.name) === said);
  if (byName.length === 1) return byName[0]!;
  const items = new Map<string, InspectionSubItem[]>();
  for (const s of subItems) items.set(s.itemName, [...(items.get(s.itemName) ?? []), s]);
  // An exact 大项 name, then parts of names: a sub-item's own, or a 大项 with a single inspection sub-item.
  const exactItem = items.get([...items.keys()].find((name) => compact(name) === said) ?? '');
  if (exactItem?.length === 1) return exactItem[0]!;
  const candidates = new Set<InspectionSubItem>(subItems.filter((s) => compact(s.name).includes(said)));
  for (const [name, inItem] of items) if (inItem.length === 1 && compact(name).includes(said)) candidates.add(inItem[0]!);
  if (candidates.size === 1) return [...candidates][0]!;
  if (candidates.size > 1 || (exactItem?.length ?? 0) > 1) {
    const found = [...(candidates.size > 0 ? candidates : exactItem!)].map((s) => `${s.code} ${s.name}`).join('、');
    throw new DomainError('invalid_field', t.ambiguousSubItem(words, found));
  }
  throw new DomainError('invalid_field', t.unknownSubItem(words, known));
}
