import { describe, expect, it } from 'vitest';
import type { InspectionView } from '../../src/domain/inspections/read-inspection.js';
import { buildInspectionNoticeCard } from '../../src/lark/cards/inspection-notice-card.js';
import { visibleText } from '../../src/lark/sandbox/visible-text.js';
import { findNodes } from '../helpers/card-tree.js';

const AT = new Date('2026-12-03T02:00:00Z');
const subItem = { id: 7, code: '2.1', name: '劝返复学台账', points: 10, itemName: '控辍保学', guidance: null };
const score = (s: number, reason: string | null) => ({ id: 1, inspectionId: 3, subItemId: 7, score: s, reason, remedy: '补齐 <at id=all></at>', photoEvidenceId: null, byId: 1, at: AT, replacedAt: null, replacedById: null, byName: '王督查' });

function viewWith(s: number): InspectionView {
  const current = score(s, '记录**不全**');
  const scored = { ...subItem, current, replaced: [] };
  return {
    inspection: { id: 3, schoolId: 5, frameworkId: 1, period: '2026-12', inspectorId: 1, createdAt: AT, notifiedAt: null },
    school: { id: 5, name: '槐芽镇中心小学<b>', town: '槐芽镇' },
    inspector: { id: 1, name: '王督查', openId: 'ou_b1' },
    subItems: [scored],
    rectifications: [],
    deductions: s < 10 ? [{ ...scored, current, lost: 10 - s }] : [],
    total: { score: s, points: 10 },
    lastScoreId: 1,
  };
}

describe('the principal’s inspection card', () => {
  it('lists each deduction with its reason and remedy as literal text, and asks for a note with 已整改', () => {
    const card = buildInspectionNoticeCard(viewWith(8), { updated: false, timezone: 'Asia/Shanghai' });
    const text = visibleText('interactive', card);
    expect(text).toContain('2.1 劝返复学台账**　扣 2 分');
    expect(text).toContain('扣分原因：记录**不全**');
    expect(text).toContain('槐芽镇中心小学<b>');
    // Markup from names and notes never reaches Lark as markup.
    expect(JSON.stringify(card)).not.toContain('<at id=all>');
    expect(findNodes(card, (n) => n.tag === 'input')).toMatchObject([{ name: 'note', required: true }]);
    expect(findNodes(card, (n) => n.type === 'callback')).toMatchObject([{ value: { action: 'inspection_rectify', inspection_id: 3 } }]);
  });

  it('with full points there is nothing to rectify: no form', () => {
    const card = buildInspectionNoticeCard(viewWith(10), { updated: true, timezone: 'Asia/Shanghai' });
    expect(visibleText('interactive', card)).toContain('无需整改');
    expect(findNodes(card, (n) => n.tag === 'form')).toHaveLength(0);
  });
});
