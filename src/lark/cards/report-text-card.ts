import type { PrincipalReport } from '../../db/queries/progress.js';
import type { PrincipalReportView } from '../../domain/reports/read-principal-report.js';
import { formatLocal } from '../../domain/time/zoned-time.js';
import type { FormField } from '../../model/campaign-definition.js';
import { reportTexts } from '../../texts/report-texts.js';
import { escapeAllMarkdown, escapeMarkdown } from './escape-markdown.js';

/** The 「查看报告」 button's value: what card-actions/open-report-action.ts reads back. */
export type OpenReportValue = { action: 'open_report'; round_id: number; school_id: number };

/**
 * A JSON 2.0 button that sends the clicker (bureau or admin) the school principal's report for
 * the round 1:1. For the bureau's summary of a principals' campaign, one per school.
 */
export function openReportButton(o: { roundId: number; schoolId: number; label?: string }): Record<string, unknown> {
  const value: OpenReportValue = { action: 'open_report', round_id: o.roundId, school_id: o.schoolId };
  return {
    tag: 'button',
    text: { tag: 'plain_text', content: o.label ?? reportTexts.button },
    type: 'default',
    size: 'small',
    behaviors: [{ type: 'callback', value }],
  };
}

const markdown = (content: string) => ({ tag: 'markdown', content });

/** A value as stored, shown literally: each line of a text escaped on its own, so line breaks stay. */
function shownValue(field: FormField, value: unknown): string {
  if (value === null || value === undefined || value === '') return reportTexts.empty;
  if (field.type === 'yes-no') return value === true ? reportTexts.yes : reportTexts.no;
  return String(value)
    .split(/\r\n|\r|\n/)
    .map((line) => escapeMarkdown(line))
    .join('\n');
}

function reportElements(view: PrincipalReportView, report: PrincipalReport, timezone: string): unknown[] {
  const facts = [
    reportTexts.principal(escapeMarkdown(report.name)),
    reportTexts.submitted(formatLocal(report.submittedAt, timezone), report.late),
    reportTexts.revisions(report.revisions),
  ];
  const fields = view.campaign.definition.form.fields.map((f) => markdown(`${reportTexts.fieldHeading(escapeMarkdown(f.label))}\n${shownValue(f, report.answers[f.name])}`));
  return [markdown(facts.join('\n')), ...fields];
}

/**
 * The principal's report as a 1:1 card (JSON 2.0): campaign, period, school, who filed and when,
 * late or not, every field with its label, and how often it was corrected; or 尚未提交.
 */
export function buildReportTextCard(view: PrincipalReportView, timezone: string): Record<string, unknown> {
  const title = reportTexts.title(view.campaign.title, view.round.period, view.place.school);
  const elements: unknown[] = [markdown(reportTexts.school(escapeMarkdown(view.place.school), escapeMarkdown(view.place.town)))];
  if (view.reports.length === 0) {
    elements.push(markdown([reportTexts.notFiled(formatLocal(view.round.dueAt, timezone), view.pastDue), reportTexts.principals(escapeAllMarkdown(view.principals))].join('\n')));
  }
  for (const report of view.reports) elements.push({ tag: 'hr' }, ...reportElements(view, report, timezone));
  const late = view.reports.some((r) => r.late);
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: title } },
    header: {
      title: { tag: 'plain_text', content: title },
      subtitle: { tag: 'plain_text', content: reportTexts.subtitle(view.place.town) },
      template: view.reports.length === 0 ? 'grey' : late ? 'orange' : 'blue',
    },
    body: { elements: [...elements, { tag: 'hr' }, { tag: 'markdown', content: reportTexts.legend, text_size: 'notation' }] },
  };
}
