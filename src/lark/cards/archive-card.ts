import type { SchoolEvidence } from '../../db/queries/evidence.js';
import type { Archive, ArchiveSubItem } from '../../domain/evidence/read-archive.js';
import { localDate } from '../../domain/time/zoned-time.js';
import { evidenceTexts as t } from '../../texts/evidence-texts.js';
import { escapeMarkdown } from './escape-markdown.js';

/** File names listed per sub-item; the rest are counted. Keeps a whole framework's card well under 30 KB. */
const NAMES_PER_SUB_ITEM = 5;

/** 查看 buttons on one card at most (each ~200 bytes); past them the card says how to narrow it to a sub-item. */
const VIEW_BUTTONS = 10;

/** File names on a 查看 button are cut; the full name is in the line above and on the file sent. */
const NAME_ON_BUTTON = 12;

/** Reasons are cut on the card (a whole framework's card stays small); the uploader got the whole one 1:1. */
const REASON_SHOWN = 40;

/** 待审核, 已通过, or 已退回 with the bureau's reason. */
function reviewWords(e: SchoolEvidence): string {
  if (e.review !== 'rejected' || !e.reviewNote) return t.archiveReview[e.review] ?? '';
  const chars = [...e.reviewNote];
  const note = chars.length > REASON_SHOWN ? `${chars.slice(0, REASON_SHOWN).join('')}…` : e.reviewNote;
  return t.archiveRejected(escapeMarkdown(note));
}

function subItemLine(s: ArchiveSubItem, timezone: string): string {
  const title = `**${escapeMarkdown(t.archiveSubItem(s.code, s.name))}**`;
  if (s.missing) return `${title}：<font color='red'>${t.archiveMissing}</font>`;
  if (s.evidence.length === 0) return `${title}：${t.archiveNone}`;
  const names = s.evidence
    .slice(-NAMES_PER_SUB_ITEM)
    .map((e) => `${escapeMarkdown(e.fileName)}（${localDate(e.uploadedAt, timezone).slice(5)}，${reviewWords(e)}）`);
  const more = s.evidence.length > NAMES_PER_SUB_ITEM ? ` ${t.archiveMore(s.evidence.length)}` : '';
  return `${title}：${t.archiveFiles(s.evidence.length)} — ${names.join('、')}${more}`;
}

/** 查看 for one listed file: card-actions/view-evidence-action.ts sends it 1:1 to the clicker. */
function viewButton(code: string, e: SchoolEvidence): Record<string, unknown> {
  const chars = [...e.fileName];
  const name = chars.length > NAME_ON_BUTTON ? `${chars.slice(0, NAME_ON_BUTTON).join('')}…` : e.fileName;
  return {
    tag: 'button',
    text: { tag: 'plain_text', content: t.archiveView(code, name) },
    type: 'default',
    size: 'small',
    behaviors: [{ type: 'callback', value: { action: 'view_evidence', evidence_id: e.id } }],
  };
}

/**
 * 档案, 1:1 only: per 大项, each sub-item's evidence (names and dates, never the photos) or
 * "缺" where it is scored by evidence and has none. The files listed get 查看 buttons (the first
 * VIEW_BUTTONS of them): everyone 档案 answers (the bureau, admins, the school's principal) may open them.
 */
export function buildArchiveCard(archive: Archive, timezone: string): Record<string, unknown> {
  const title = t.archiveTitle(archive.school);
  const head = [t.archivePeriod(archive.from, archive.to), t.archiveCounts(archive.filed, archive.missing, archive.unfiled)].map(escapeMarkdown).join('\n');
  const elements: Record<string, unknown>[] = [{ tag: 'markdown', content: head }];
  if (!archive.framework) elements.push({ tag: 'markdown', content: escapeMarkdown(t.archiveNoFramework) });
  let buttons = 0;
  let unbuttoned = false;
  for (const item of archive.framework?.items ?? []) {
    elements.push({ tag: 'hr' });
    elements.push({ tag: 'markdown', content: [`**${escapeMarkdown(item.name)}**`, ...item.subItems.map((s) => subItemLine(s, timezone))].join('\n') });
    const listed = item.subItems.flatMap((s) => s.evidence.slice(-NAMES_PER_SUB_ITEM).map((e) => viewButton(s.code, e)));
    const room = listed.slice(0, Math.max(0, VIEW_BUTTONS - buttons));
    buttons += room.length;
    unbuttoned ||= room.length < listed.length;
    if (room.length > 0) elements.push({ tag: 'column_set', flex_mode: 'flow', columns: room.map((b) => ({ tag: 'column', width: 'auto', elements: [b] })) });
  }
  if (unbuttoned) elements.push({ tag: 'markdown', content: escapeMarkdown(t.archiveViewNarrow), text_size: 'notation' });
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: title } },
    header: { title: { tag: 'plain_text', content: title }, template: archive.missing > 0 ? 'orange' : 'green' },
    body: { elements },
  };
}
