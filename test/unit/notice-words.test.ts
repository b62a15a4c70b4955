import { describe, expect, it } from 'vitest';
import { parseNoticeWords } from '../../src/domain/notices/notice-words.js';
import { normalizeText } from '../../src/domain/text/normalize-text.js';

const parse = (args: string) => parseNoticeWords(normalizeText(args));

describe('通知 words', () => {
  it('reads the range as the first word, places joined by 、 or commas, and the rest as the text', () => {
    expect(parse('横渠镇、槐芽镇中心小学，齐镇 请于周五前报送')).toEqual({
      kind: 'send',
      everyone: false,
      places: ['横渠镇', '槐芽镇中心小学', '齐镇'],
      scope: '横渠镇、槐芽镇中心小学、齐镇',
      text: '请于周五前报送',
      colon: false,
    });
    expect(parse('槐芽鎮 開會')).toMatchObject({ places: ['槐芽镇'], text: '开会' });
  });

  it('takes 全部 (and its synonyms) as every school, whatever else is named', () => {
    for (const word of ['全部', '全县', '所有学校', '全部、横渠镇']) expect(parse(`${word} 开会`)).toMatchObject({ kind: 'send', everyone: true, places: [], scope: '全部' });
  });

  it('a colon after the range marks the text, even one starting with a place, and may stand alone', () => {
    expect(parse('全部：横渠镇经验交流会')).toMatchObject({ everyone: true, text: '横渠镇经验交流会', colon: true });
    expect(parse('横渠镇 : 开会')).toMatchObject({ places: ['横渠镇'], text: '开会', colon: true });
    expect(parse('全部')).toMatchObject({ kind: 'send', text: '' });
  });

  it('状态, 状态 12, 狀態 #12; anything else after 状态 is a mistake; nothing at all asks for help', () => {
    expect(parse('状态')).toEqual({ kind: 'status', id: undefined });
    expect(parse('狀態 #12')).toEqual({ kind: 'status', id: 12 });
    expect(parse('状态 12')).toEqual({ kind: 'status', id: 12 });
    expect(parse('状态 第二条')).toEqual({ kind: 'bad-status' });
    expect(parse('')).toEqual({ kind: 'help' });
    expect(parse('、、 开会')).toEqual({ kind: 'help' });
  });
});
