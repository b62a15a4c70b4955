import { describe, expect, it } from 'vitest';
import { hasMentions, readMentions } from '../../src/lark/chat/read-mentions.js';

const BOT = 'ou_bot';
const at = (openId: unknown, key = '@_user_1') => ({ key, id: { open_id: openId, union_id: 'on_x' }, name: '某人', tenant_key: 't' });

describe('readMentions', () => {
  it.each([
    ['no mentions', [], { mentionsBot: false, others: 0 }],
    ['the bot only', [at(BOT)], { mentionsBot: true, others: 0 }],
    ['the bot and a colleague', [at(BOT), at('ou_colleague', '@_user_2')], { mentionsBot: true, others: 1 }],
    ['a colleague only', [at('ou_colleague')], { mentionsBot: false, others: 1 }],
    ['the same colleague twice', [at('ou_a'), at('ou_a', '@_user_2')], { mentionsBot: false, others: 1 }],
    ['@所有人 (no open_id) is nobody', [{ key: '@_all', name: '所有人' }], { mentionsBot: false, others: 0 }],
    ['malformed entries are nobody', [null, 5, 'ou_bot', { id: null }, at(''), at(42)], { mentionsBot: false, others: 0 }],
    ['not an array', { key: '@_user_1', id: { open_id: BOT } }, { mentionsBot: false, others: 0 }],
  ])('%s', (_case, mentions, expected) => {
    expect(readMentions(mentions, BOT)).toEqual(expected);
  });

  it('without knowing the bot, nobody is the bot', () => {
    expect(readMentions([at(BOT), at('ou_a', '@_user_2')], undefined)).toEqual({ mentionsBot: false, others: 2 });
  });

  it('hasMentions', () => {
    expect(hasMentions([at(BOT)])).toBe(true);
    expect(hasMentions([])).toBe(false);
    expect(hasMentions(undefined)).toBe(false);
  });
});
