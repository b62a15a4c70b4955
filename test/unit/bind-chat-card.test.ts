import { describe, expect, it } from 'vitest';
import { MAX_BINDING_PLACES, type BindingPlace } from '../../src/domain/roster/bind-chat.js';
import { buildBindingOfferCard, buildChatMembersCard, MAX_MEMBER_ROWS } from '../../src/lark/cards/bind-chat-card.js';
import { findNodes } from '../helpers/card-tree.js';

const bytes = (card: unknown) => Buffer.byteLength(JSON.stringify(card));
const components = (card: Record<string, unknown>) => findNodes(card['body'], (n) => typeof n.tag === 'string' && n.tag !== 'plain_text').length;

describe('the binding cards', () => {
  it('offers an admin up to 100 places with long names in one select, under Lark\'s 30 KB, each value once', () => {
    const places: BindingPlace[] = [
      { kind: 'bureau' },
      ...Array.from({ length: MAX_BINDING_PLACES - 1 }, (_, i) => ({ kind: 'school' as const, schoolId: i + 1, label: `某某街道办事处 第${i + 1}九年一贯制实验学校（东校区）` })),
    ];
    const card = buildBindingOfferCard({ kind: 'offer', places, total: 400, current: undefined, words: undefined }, { chatId: 'oc_x', personName: '管理员' });
    const [select] = findNodes(card, (n) => n.tag === 'select_static');
    const values = (select!.options as { value: string }[]).map((o) => o.value);
    expect(values).toHaveLength(100);
    expect(new Set(values).size).toBe(100);
    expect(bytes(card)).toBeLessThan(30 * 1024);
    expect(JSON.stringify(card)).toContain('共 400 个选项，这里列出前 100 个');
  });

  it('gives a principal one button with the school name as written, never as markup', () => {
    const card = buildBindingOfferCard(
      { kind: 'offer', places: [{ kind: 'school', schoolId: 7, label: '齐镇 齐镇中心小学(示例)' }], total: 1, current: undefined, words: undefined },
      { chatId: 'oc_x', personName: '<at id=all></at>' },
    );
    const [button] = findNodes(card, (n) => n.tag === 'button');
    expect(button!.text).toEqual({ tag: 'plain_text', content: '确认：这是「齐镇 齐镇中心小学(示例)」的群' });
    expect(JSON.stringify(card)).not.toContain('<at');
  });

  it('lists at most 50 members a card, well inside 200 components and 30 KB', () => {
    const members = Array.from({ length: 300 }, (_, i) => ({ openId: `ou_${'x'.repeat(30)}_${i}`, name: `欧阳某某某${i}` }));
    const card = buildChatMembersCard({ school: '齐镇中心小学', schoolId: 3, members, total: 320 });
    expect(findNodes(card, (n) => n.tag === 'button')).toHaveLength(MAX_MEMBER_ROWS);
    expect(components(card)).toBeLessThan(200);
    expect(bytes(card)).toBeLessThan(30 * 1024);
    expect(JSON.stringify(card)).toContain('其中 300 人不在名册中');
  });
});
