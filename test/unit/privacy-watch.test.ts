import { describe, expect, it } from 'vitest';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { findStudentLeaks, findSupervisionLeaks } from '../helpers/privacy-watch.js';

const message = (o: Partial<SandboxMessage>): SandboxMessage => ({
  message_id: 'om_1',
  chat_id: 'oc_group',
  chat_type: 'group',
  msg_type: 'text',
  content: { text: o.text ?? '' },
  text: '',
  receive_id_type: 'chat_id',
  receive_id: 'oc_group',
  parent_id: null,
  uuid: null,
  sender: { type: 'bot' },
  create_time: '0',
  updated: false,
  ...o,
});

const KNOWN = [{ name: '蒋小鹿', studentNo: '2026001' }, { name: '柳星', studentNo: '2026004' }];

// The watch every end-to-end file runs when its test Ducha closes: it must catch what it is for.
describe('the group-chat privacy watch', () => {
  it('finds a full name or a number in a bot message in a group, in its text or inside a card', () => {
    const leaks = findStudentLeaks(
      [
        message({ message_id: 'om_a', text: '已记录 蒋小鹿 的家访' }),
        message({ message_id: 'om_b', msg_type: 'interactive', text: '', content: { body: { elements: [{ value: { no: '2026004' } }] } } }),
      ],
      KNOWN,
    );
    expect(leaks.map((l) => [l.messageId, l.found])).toEqual([
      ['om_a', '蒋小鹿'],
      ['om_b', '2026004'],
    ]);
  });

  it('lets masked names, 1:1 messages and people’s own words pass', () => {
    const leaks = findStudentLeaks(
      [
        message({ text: '已记录 蒋*鹿 的家访（入户）。柳* 也已记录。' }),
        message({ chat_type: 'p2p', chat_id: 'oc_p2p_ou_x', text: '已记录 蒋小鹿（三年级2班）' }),
        message({ sender: { type: 'user', open_id: 'ou_x' }, text: '家访 蒋小鹿 入户' }),
      ],
      KNOWN,
    );
    expect(leaks).toEqual([]);
  });
});

describe('the school-chat supervision watch', () => {
  const schoolChats = new Set(['oc_school']);
  const written = ['劝返记录不全', '已补齐三月台账', '2.2-台账.jpg', '缺'];

  it('finds an inspector’s reason, a rectification note, a file name or a bulletin heading in a school chat', () => {
    const leaks = findSupervisionLeaks(
      [
        message({ message_id: 'om_a', chat_id: 'oc_school', text: '2.3 扣 2 分（劝返记录不全）' }),
        message({ message_id: 'om_b', chat_id: 'oc_school', msg_type: 'interactive', content: { header: { title: '2026年第四季度督查通报' } } }),
        message({ message_id: 'om_c', chat_id: 'oc_school', text: '收到 2.2-台账.jpg' }),
      ],
      schoolChats,
      written,
    );
    expect(leaks.map((l) => [l.messageId, l.found])).toEqual([
      ['om_a', '劝返记录不全'],
      ['om_b', '季度督查通报'],
      ['om_c', '2.2-台账.jpg'],
    ]);
  });

  it('lets the bureau chat, 1:1 messages, people’s own words and short everyday words pass', () => {
    const leaks = findSupervisionLeaks(
      [
        message({ chat_id: 'oc_bureau', text: '落后约谈：劝返记录不全' }),
        message({ chat_type: 'p2p', chat_id: 'oc_p2p_ou_p', text: '整改说明：已补齐三月台账' }),
        message({ chat_id: 'oc_school', sender: { type: 'user', open_id: 'ou_p' }, text: '劝返记录不全，已补齐三月台账' }),
        message({ chat_id: 'oc_school', text: '本月还缺 3 人未填报' }),
        // A refusal may name what was asked for; it is the bulletin itself that must not be there.
        message({ chat_id: 'oc_school', text: '督查通报由教体局发布，教师无需操作。' }),
      ],
      schoolChats,
      written,
    );
    expect(leaks).toEqual([]);
  });
});
