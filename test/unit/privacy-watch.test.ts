import { describe, expect, it } from 'vitest';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { findStudentLeaks } from '../helpers/privacy-watch.js';

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
