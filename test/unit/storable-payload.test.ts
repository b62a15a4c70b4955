import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageOf } from '../../src/errors.js';
import { extractMessageText } from '../../src/lark/chat/extract-message-text.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../src/lark/json-depth.js';
import { storablePayload } from '../../src/lark/storable-payload.js';
import { nestedJson } from '../helpers/lark-traffic.js';

/** The walks over what Lark sends: none recurses, none turns a `__proto__` key into a prototype. */

describe('nestsDeeperThan', () => {
  it.each([
    [nestedJson(1), 1, false],
    [nestedJson(64), 64, false],
    [nestedJson(65), 64, true],
    [nestedJson(64, { objects: true }), 64, false],
    [nestedJson(65, { objects: true }), 64, true],
    ['{"a":[{"b":[1]}],"c":"x"}', 4, false],
    ['{"a":[{"b":[1]}],"c":"x"}', 3, true],
    ['"text"', 0, false],
    [nestedJson(300_000), 64, true],
  ])('%#: %s within %i levels → too deep: %s', (json, limit, tooDeep) => {
    expect(nestsDeeperThan(JSON.parse(json), limit)).toBe(tooDeep);
  });

  it('names its bound in the refusal', () => {
    expect(messageOf('payload_too_deep')).toContain(String(MAX_JSON_DEPTH));
  });
});

describe('storablePayload', () => {
  it('copies any JSON as it was, bar NUL and lone surrogates (key order kept)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const text = JSON.stringify(value);
        fc.pre(!/\\u0000|\\ud[89a-f]/i.test(text));
        expect(JSON.stringify(storablePayload(value))).toBe(text);
      }),
    );
  });

  it('copies 300,000 levels without overflowing', () => {
    const copy = storablePayload(JSON.parse(nestedJson(300_000)));
    expect(nestsDeeperThan(copy, 299_999)).toBe(true);
  });

  it('keeps `__proto__` keys as data, at every level, and leaves prototypes alone', () => {
    const sent = JSON.parse('{"__proto__":{"encrypt":"x"},"event":{"__proto__":null,"message":{"__proto__":[1],"text":"a\\u0000b"}}}');
    const copy = storablePayload(sent) as any;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(copy.event.message)).toBe(Object.prototype);
    expect(copy.encrypt).toBeUndefined();
    expect(JSON.stringify(copy)).toBe('{"__proto__":{"encrypt":"x"},"event":{"__proto__":null,"message":{"__proto__":[1],"text":"ab"}}}');
  });
});

describe('extractMessageText on a post', () => {
  const post = (rows: string) => `{"title":"","content":${rows}}`;
  it('reads its text runs in order', () => {
    expect(extractMessageText('post', post('[[{"tag":"text","text":"走访"},{"tag":"a","text":"x"}],[{"tag":"md","text":"1户"}]]'))).toBe('走访 1户');
  });
  it.each([nestedJson(65), nestedJson(200_000), `[[{"tag":"text","text":"走访1户","x":${nestedJson(10_000, { objects: true })}}]]`])(
    'gives nothing (unsupported) for content nested too deep: %#',
    (rows) => {
      expect(extractMessageText('post', post(rows))).toBeUndefined();
    },
  );
  it('reads a wide post (more items than a call takes arguments)', () => {
    expect(extractMessageText('post', post(`[[${'{"tag":"text","text":"a"},'.repeat(200_000)}1]]`))).toBe(Array(200_000).fill('a').join(' '));
  });
});
