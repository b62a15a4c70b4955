import { describe, expect, it } from 'vitest';
import type { EvidenceUnderReview } from '../../src/db/queries/evidence-review.js';
import type { Person } from '../../src/db/queries/people.js';
import type { ReviewQueue } from '../../src/domain/evidence/read-review-queue.js';
import { assertMayReviewEvidence, reviewNoteFor } from '../../src/domain/evidence/review-evidence.js';
import { buildArchiveCard } from '../../src/lark/cards/archive-card.js';
import { buildEvidenceReviewCard, evidenceReviewPresenter } from '../../src/lark/cards/evidence-review-card.js';
import { unescapeMarkdown } from '../../src/lark/cards/escape-markdown.js';
import { DomainError } from '../../src/errors.js';
import { findNodes } from '../helpers/card-tree.js';

const TZ = 'Asia/Shanghai';
const person = (role: Person['role']) => ({ id: 1, role, name: '周强', openId: 'ou_x' }) as Person;

const item = (id: number, o: Partial<EvidenceUnderReview> = {}): EvidenceUnderReview => ({
  id,
  schoolId: 1,
  schoolName: '横渠镇中心小学',
  period: '2026-12',
  subItemCode: '1.1',
  subItemName: '创建工作专班',
  fileName: `专班文件-${id}.pdf`,
  uploadedAt: new Date('2026-12-02T10:00:00+08:00'),
  uploader: { id: 9, name: '王建华', openId: 'ou_p', active: true },
  review: 'pending',
  reviewedAt: null,
  reviewNote: null,
  reviewerName: null,
  ...o,
});
const queue = (items: EvidenceUnderReview[], o: Partial<ReviewQueue> = {}): ReviewQueue => ({ place: undefined, query: {}, total: items.length, page: 1, pages: 1, offset: 0, items, ...o });
/** The card's markdown as a reader sees it (entities decoded). */
const markdownOf = (card: Record<string, unknown>) => unescapeMarkdown(findNodes(card, (n) => n.tag === 'markdown').map((n) => String(n.content)).join('\n'));
const callbacks = (card: Record<string, unknown>) => findNodes(card, (n) => n.type === 'callback').map((n) => n.value as Record<string, unknown>);

describe('who reviews, and the reason a return needs', () => {
  it('bureau officers and admins review; teachers and principals are refused', () => {
    expect(() => assertMayReviewEvidence(person('bureau'))).not.toThrow();
    expect(() => assertMayReviewEvidence(person('admin'))).not.toThrow();
    for (const role of ['teacher', 'principal'] as const) expect(() => assertMayReviewEvidence(person(role))).toThrow(DomainError);
  });

  it('a return needs a reason, trimmed, at most 200 characters; an acceptance needs none', () => {
    expect(reviewNoteFor('accepted', undefined)).toBeNull();
    expect(reviewNoteFor('accepted', '  ')).toBeNull();
    expect(reviewNoteFor('rejected', ' 照片不清晰 ')).toBe('照片不清晰');
    expect(() => reviewNoteFor('rejected', undefined)).toThrow('退回须写明理由');
    expect(() => reviewNoteFor('rejected', ' \n ')).toThrow('退回须写明理由');
    expect(reviewNoteFor('rejected', '理'.repeat(200))).toHaveLength(200);
    expect(() => reviewNoteFor('rejected', '理'.repeat(201))).toThrow('200 字以内');
  });
});

describe('the review card', () => {
  it('lists each upload with 通过, 退回 and 查看, and opens the reason form only under the one being returned', () => {
    const plain = buildEvidenceReviewCard(queue([item(1), item(2)]), { timezone: TZ });
    expect(callbacks(plain)).toEqual([
      { action: 'review_evidence', evidence_id: 1, decision: 'accepted', page: 1 },
      { action: 'review_page', page: 1, rejecting: 1 },
      { action: 'view_evidence', evidence_id: 1 },
      { action: 'review_evidence', evidence_id: 2, decision: 'accepted', page: 1 },
      { action: 'review_page', page: 1, rejecting: 2 },
      { action: 'view_evidence', evidence_id: 2 },
    ]);
    expect(findNodes(plain, (n) => n.tag === 'form')).toEqual([]);
    expect(markdownOf(plain)).toContain('「专班文件-1.pdf」　王建华 提交于 2026-12-02　编号 1');

    const rejecting = buildEvidenceReviewCard(queue([item(1), item(2)], { query: { town: '横渠镇', school: '横渠镇中心小学' } }), { timezone: TZ, rejecting: 2 });
    const [form] = findNodes(rejecting, (n) => n.tag === 'form');
    expect(findNodes(form, (n) => n.tag === 'input')).toMatchObject([{ name: 'note', required: true, max_length: 200 }]);
    expect(findNodes(form, (n) => n.type === 'callback').map((n) => n.value)).toEqual([
      { action: 'review_evidence', evidence_id: 2, decision: 'rejected', town: '横渠镇', school: '横渠镇中心小学', page: 1 },
    ]);
    // 取消 redraws the page without the form.
    expect(callbacks(rejecting)).toContainEqual({ action: 'review_page', town: '横渠镇', school: '横渠镇中心小学', page: 1 });
    expect(callbacks(rejecting)).toContainEqual({ action: 'view_evidence', evidence_id: 2 });
  });

  it('pages a long list and says how many wait; an empty list says so', () => {
    const card = buildEvidenceReviewCard(queue([item(9)], { total: 17, page: 2, pages: 3, offset: 8 }), { timezone: TZ });
    expect(markdownOf(card)).toContain('待审核 17 份，按提交时间从早到晚，本页第 9–9 份。');
    expect(callbacks(card).filter((v) => v.action === 'review_page' && v.rejecting === undefined).map((v) => v.page)).toEqual([1, 3]);
    expect(markdownOf(buildEvidenceReviewCard(queue([]), { timezone: TZ }))).toContain('没有待审核的资料');
  });

  it('shows names as typed, never as markup', () => {
    const card = buildEvidenceReviewCard(queue([item(1, { fileName: '<at id=all></at>[点我](http://x).pdf', uploader: { id: 9, name: '**王**', openId: 'ou_p', active: true } })]), { timezone: TZ });
    const raw = findNodes(card, (n) => n.tag === 'markdown').map((n) => String(n.content)).join('\n');
    expect(raw).not.toContain('<at');
    expect(raw).not.toContain('](http');
    expect(raw).not.toContain('**王**');
    expect(markdownOf(card)).toContain('「<at id=all></at>[点我](http://x).pdf」　**王** 提交于');
  });

  it('the uploader’s notice names the sub-item, the file, the reason and how to re-file, with no markup', () => {
    const said = evidenceReviewPresenter.rejectedText({ evidence: item(1, { fileName: '<b>.pdf' }), note: '缺少[签字]', reviewer: person('bureau') });
    expect(said).toContain('「＜b＞.pdf」（子项 1.1 创建工作专班）');
    expect(said).toContain('退回理由：缺少［签字］');
    expect(said).toContain('「佐证 1.1」');
  });
});

describe('the archive card shows each upload’s review', () => {
  it('待审核, 已通过, and 已退回 with its reason (a long one cut)', () => {
    const at = new Date('2026-12-02T10:00:00+08:00');
    const evidence = [
      { id: 1, subItemId: 5, kind: 'image' as const, fileName: 'a.jpg', uploadedAt: at, review: 'pending' as const, reviewNote: null, period: '2026-12' },
      { id: 2, subItemId: 5, kind: 'image' as const, fileName: 'b.jpg', uploadedAt: at, review: 'accepted' as const, reviewNote: null, period: '2026-12' },
      { id: 3, subItemId: 5, kind: 'image' as const, fileName: 'c.jpg', uploadedAt: at, review: 'rejected' as const, reviewNote: '照片不清晰'.repeat(10), period: '2026-12' },
    ];
    const subItem = { id: 5, code: '1.1', name: '创建工作专班', scoring: 'evidence' as const, guidance: null, itemId: 1, itemName: '党的组织领导', evidence, missing: false };
    const card = buildArchiveCard({ school: '横渠镇中心小学', from: '2026-09', to: '2027-08', framework: { title: 't', items: [{ name: '党的组织领导', subItems: [subItem] }] }, filed: 3, missing: 0, unfiled: 0 }, TZ);
    const text = markdownOf(card);
    expect(text).toContain('a.jpg（12-02，待审核）');
    expect(text).toContain('b.jpg（12-02，已通过）');
    expect(text).toContain(`c.jpg（12-02，已退回：${'照片不清晰'.repeat(8)}…）`);
    expect(callbacks(card)).toEqual([1, 2, 3].map((id) => ({ action: 'view_evidence', evidence_id: id })));
    expect(findNodes(card, (n) => n.tag === 'button').map((n) => (n.text as { content: string }).content)).toEqual(['查看 1.1 a.jpg', '查看 1.1 b.jpg', '查看 1.1 c.jpg']);
    expect(text).not.toContain('文件较多');

    // Past ten buttons the card says how to narrow it, and stops adding them.
    const many = Array.from({ length: 4 }, (_, i) => ({ ...subItem, id: 10 + i, code: `1.${i + 2}`, evidence: evidence.map((e) => ({ ...e, id: e.id + 10 * (i + 1) })) }));
    const big = buildArchiveCard({ school: '横渠镇中心小学', from: '2026-09', to: '2027-08', framework: { title: 't', items: [{ name: '党的组织领导', subItems: many }] }, filed: 12, missing: 0, unfiled: 0 }, TZ);
    expect(callbacks(big)).toHaveLength(10);
    expect(markdownOf(big)).toContain('文件较多');
  });
});
