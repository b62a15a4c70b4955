import { z } from 'zod';
import { fileEvidenceUnder } from '../../domain/evidence/file-evidence.js';
import { evidenceTexts as t } from '../../texts/evidence-texts.js';
import { buildChosenCard } from '../cards/choose-student-card.js';
import { escapeText } from '../cards/escape-markdown.js';
import { defineCardAction, rowId, rowIdOrUndefined, toast } from './card-action.js';

const picker = z.object({ open_id: z.string().min(1), evidence_id: rowId });

/**
 * The picker's 归档: the upload goes under the sub-item chosen in the form (its id as the option's
 * value). fileEvidenceUnder checks the clicker sent it and the sub-item is of the framework in force.
 */
export const fileEvidenceAction = defineCardAction({
  name: 'file_evidence',
  schema: picker,
  async run({ db, person, value, event }) {
    if (value.open_id !== person.openId) return toast('error', t.notYourEvidence);
    const subItemId = rowIdOrUndefined.parse(event.action?.form_value?.sub_item);
    if (subItemId === undefined) return toast('error', t.pickNothing);
    const { evidence, subItem } = await fileEvidenceUnder(db, { person, evidenceId: value.evidence_id, subItemId });
    const said = t.filed(escapeText(evidence.fileName), escapeText(subItem.code), escapeText(subItem.name));
    return { ...toast('success', said), card: { type: 'raw', data: buildChosenCard(said, t.filedTitle) } };
  },
});
