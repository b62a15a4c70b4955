import type { StudentReading } from '../../domain/register/read-student.js';
import type { UnvisitedList } from '../../domain/register/unvisited-list.js';
import { formatLocal } from '../../domain/time/zoned-time.js';
import { alertLevelNames, studentTexts as t, visitModeNames } from '../../texts/student-texts.js';
import { escapeMarkdown } from './escape-markdown.js';

/** A student as the asker may see them, 1:1: name and class, and for those allowed the register and visits. */
export function buildStudentCard(r: StudentReading, timezone: string): Record<string, unknown> {
  const s = r.student;
  const name = escapeMarkdown(s.name);
  const elements: Record<string, unknown>[] = [
    { tag: 'markdown', content: t.cardBasic({ school: escapeMarkdown(s.schoolName), className: escapeMarkdown(s.className), mentor: r.mentorName ? escapeMarkdown(r.mentorName) : null }) },
  ];
  if (r.view === 'basic') {
    elements.push({ tag: 'markdown', content: t.basicOnly, text_size: 'notation' });
  } else {
    elements.push({ tag: 'markdown', content: t.cardDetail({ categories: s.categories.join('、'), aid: s.aid.join('、'), level: alertLevelNames[s.alertLevel] }) });
    elements.push({ tag: 'hr' }, { tag: 'markdown', content: `**${t.cardVisitsHeader(r.visits.length)}**` });
    if (r.visits.length === 0) elements.push({ tag: 'markdown', content: t.noVisits });
    for (const v of r.visits) {
      elements.push({
        tag: 'markdown',
        content: t.cardVisit({
          day: v.visitedOn,
          mode: visitModeNames[v.mode],
          teacher: escapeMarkdown(v.teacherName),
          risks: v.risks.join('、') || t.noRisk,
          findings: v.findings ? escapeMarkdown(v.findings) : null,
          purged: v.purgedAt !== null,
          measures: v.measures ? escapeMarkdown(v.measures) : null,
        }),
      });
    }
    if (r.alertChanges.length > 0) {
      elements.push({ tag: 'hr' }, { tag: 'markdown', content: `**${t.cardAlertsHeader}**` });
      for (const c of r.alertChanges) {
        elements.push({
          tag: 'markdown',
          content: t.cardAlert({
            at: formatLocal(c.at, timezone),
            from: alertLevelNames[c.fromLevel],
            to: alertLevelNames[c.toLevel],
            by: c.byName ? escapeMarkdown(c.byName) : null,
            reason: c.purgedAt || !c.reason ? null : escapeMarkdown(c.reason),
          }),
        });
      }
    }
  }
  elements.push({ tag: 'markdown', content: t.cardAuditNote, text_size: 'notation' });
  const template = r.view === 'detail' && s.alertLevel !== 'normal' ? (s.alertLevel === 'alert' ? 'red' : 'orange') : 'blue';
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: t.cardTitle(name) } },
    header: { title: { tag: 'plain_text', content: `学生：${s.name}` }, template },
    body: { elements },
  };
}

/** The principal's 1:1 follow-up list: at-risk students of the school not visited this month, most urgent first. */
export function buildUnvisitedCard(list: UnvisitedList): Record<string, unknown> {
  const title = t.unvisitedTitle(list.month);
  const elements: Record<string, unknown>[] =
    list.students.length === 0
      ? [{ tag: 'markdown', content: t.unvisitedNone(list.month) }]
      : [
          {
            tag: 'markdown',
            content: list.students
              .map((s) =>
                t.unvisitedLine({
                  name: escapeMarkdown(s.name),
                  className: escapeMarkdown(s.className),
                  level: s.alertLevel === 'normal' ? '' : alertLevelNames[s.alertLevel],
                  categories: s.categories.join('、'),
                  lastVisit: s.lastVisit,
                }),
              )
              .join('\n'),
          },
          { tag: 'markdown', content: t.unvisitedHint, text_size: 'notation' },
        ];
  elements.push({ tag: 'markdown', content: t.cardAuditNote, text_size: 'notation' });
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: title } },
    header: { title: { tag: 'plain_text', content: title }, subtitle: { tag: 'plain_text', content: `${list.students.length} 人` }, template: list.students.length ? 'orange' : 'green' },
    body: { elements },
  };
}
