import { riskFlags, visitModes } from '../../db/schema/students.js';
import { VISIT_FORM_FIELDS as F } from '../../domain/visits/visit-from-form.js';
import { visitModeNames } from '../../texts/student-texts.js';
import { aidStatusNames, eligibilityNames, visitTexts as t } from '../../texts/visit-texts.js';

/** The form's submit value: card-actions/visit-form-action.ts reads it back. */
export type VisitFormValue = { action: 'visit_form'; open_id: string };
/** The prompt's 「记录家访」 button: sends this form 1:1 to whoever clicks it. */
export type OpenVisitFormValue = { action: 'open_visit_form' };

const plain = (content: string) => ({ tag: 'plain_text', content });
const optionsOf = (names: Readonly<Record<string, string>>) => Object.entries(names).map(([value, text]) => ({ text: plain(text), value }));

/** 家访 as a form, 1:1 only (it names a child): student, mode, findings, risks, measures, the aid check, date. */
export function buildVisitFormCard(o: { openId: string; today: string }): Record<string, unknown> {
  const value: VisitFormValue = { action: 'visit_form', open_id: o.openId };
  const field = (name: string, label: string) => ({ name, label: plain(label), label_position: 'left' });
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: t.formTitle } },
    header: { title: plain(t.formTitle), template: 'blue' },
    body: {
      elements: [
        { tag: 'markdown', content: t.formIntro, text_size: 'notation' },
        {
          tag: 'form',
          name: 'visit_form',
          elements: [
            { tag: 'input', ...field(F.student, t.formStudent), required: true, placeholder: plain(t.formStudentPlaceholder), max_length: 20 },
            {
              tag: 'select_static',
              ...field(F.mode, t.formMode),
              required: true,
              initial_option: 'home',
              options: visitModes.map((m) => ({ text: plain(visitModeNames[m]), value: m })),
            },
            { tag: 'input', ...field(F.findings, t.formFindings), required: true, input_type: 'multiline_text', placeholder: plain(t.formFindingsPlaceholder), max_length: 500 },
            { tag: 'multi_select_static', ...field(F.risks, t.formRisks), placeholder: plain(t.formRisksPlaceholder), options: riskFlags.map((r) => ({ text: plain(r), value: r })) },
            { tag: 'input', ...field(F.measures, t.formMeasures), input_type: 'multiline_text', placeholder: plain(t.formMeasuresPlaceholder), max_length: 500 },
            { tag: 'select_static', ...field(F.aidStatus, t.formAidStatus), placeholder: plain(t.formAidStatusPlaceholder), options: optionsOf(aidStatusNames) },
            { tag: 'select_static', ...field(F.eligibility, t.formEligibility), placeholder: plain(t.formEligibilityPlaceholder), options: optionsOf(eligibilityNames) },
            { tag: 'date_picker', ...field(F.visitedOn, t.formDate), initial_date: o.today },
            { tag: 'button', name: 'submit', text: plain(t.formSubmit), type: 'primary_filled', form_action_type: 'submit', behaviors: [{ type: 'callback', value }] },
          ],
        },
      ],
    },
  };
}
