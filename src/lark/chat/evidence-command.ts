import { findLatestUnfiledEvidence } from '../../db/queries/evidence.js';
import { fileLatestEvidence } from '../../domain/evidence/file-evidence.js';
import { pickerOrder, readActiveSubItems } from '../../domain/evidence/sub-items.js';
import { evidenceTexts as t } from '../../texts/evidence-texts.js';
import { buildEvidencePickerCard } from '../cards/evidence-picker-card.js';
import { escapeText } from '../cards/escape-markdown.js';
import type { Command } from './command.js';

/**
 * `佐证 2.3` (or a part of the sub-item's name), 1:1: the person's latest photo or file not yet
 * filed goes under that sub-item. `佐证` alone shows the picker for it again.
 */
export const evidenceCommand: Command = {
  name: '佐证',
  aliases: ['evidence'],
  usage: t.usage,
  summary: t.commandSummary,
  roles: ['principal', 'teacher'],
  // 「佐证材料已整理…」 may be a principal's written report: only `佐证 2.3` is the command.
  needsBoundary: true,
  refusals: { bureau: t.notForBureauEvidence, admin: t.notForBureauEvidence },
  async run({ db, person, args, inGroup }) {
    if (inGroup) return { text: t.askPrivately };
    if (!args) {
      const latest = await findLatestUnfiledEvidence(db, person.id);
      if (!latest) return { text: t.noUnfiled };
      const active = await readActiveSubItems(db);
      if (!active || active.subItems.length === 0) return { text: t.noFramework };
      return { card: buildEvidencePickerCard({ openId: person.openId, evidenceId: latest.id, fileName: latest.fileName, subItems: pickerOrder(active.subItems) }) };
    }
    const { evidence, subItem } = await fileLatestEvidence(db, { person, words: args });
    return { text: t.filed(escapeText(evidence.fileName), escapeText(subItem.code), escapeText(subItem.name)) };
  },
};
