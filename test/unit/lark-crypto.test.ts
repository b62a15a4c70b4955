import { describe, expect, it } from 'vitest';
import {
  computeLarkSignature,
  decryptLarkPayload,
  encryptLarkPayload,
  isLarkSignatureValid,
} from '../../src/lark/lark-crypto.js';

// Vectors from ../shared/reference/lark-platform.md §2 and §3.1.
const OFFICIAL_KEY = 'test key';
const OFFICIAL_CIPHERTEXT = 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=';

const SDK_CHALLENGE_KEY = 'mazhe.nerd';
const SDK_CHALLENGE_CIPHERTEXT =
  'tT1xP+ovuc0T3b/rnZX3ax76exqAn0ANQ6/U45GcciC0mgNBc8JtvqOJGNAPMKpgRs2dVU1NYk9VDeqS8T4SYtU0hzNU54aS84WnxvZ3VFfDcy/RyABlNqlUiGyLDzFI0yxdCMT4KR/YEQXlt6nZi50KwRlZ+A75r645KesZuLMljezYyY8VeeXEVjPw35+e';

const SIGNED_BODY = '{"encrypt":"P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk="}';
const SIGNATURE = '0c09d96c2aef2ad08179b3967ea410bbc91dab24ce3aec05af962cf1935844af';

describe('Lark payload decryption', () => {
  it('decrypts the official test vector to "hello world"', () => {
    expect(decryptLarkPayload(OFFICIAL_CIPHERTEXT, OFFICIAL_KEY)).toBe('hello world');
  });

  it("decrypts the Node SDK's url_verification vector to its challenge JSON", () => {
    const plain = decryptLarkPayload(SDK_CHALLENGE_CIPHERTEXT, SDK_CHALLENGE_KEY);
    expect(JSON.parse(plain)).toEqual({
      challenge: '5634b122-c042-4634-bc7f-b07a3c3e77ad',
      token: 'iRdCP2WwXNBXRM3mGLqhrgch3cn0gbT6',
      type: 'url_verification',
    });
  });

  it('never yields the plaintext under the wrong key', () => {
    let plain: string | undefined;
    try {
      plain = decryptLarkPayload(OFFICIAL_CIPHERTEXT, 'another key');
    } catch {
      plain = undefined;
    }
    expect(plain).not.toBe('hello world');
  });

  it('throws on text too short to hold an IV', () => {
    expect(() => decryptLarkPayload('', OFFICIAL_KEY)).toThrow();
    expect(() => decryptLarkPayload('abc', OFFICIAL_KEY)).toThrow();
  });
});

describe('Lark payload encryption', () => {
  it('round-trips through the SDK decryption, including Chinese text and multi-block input', () => {
    for (const plaintext of ['', 'hello world', '0123456789abcdef', '走访5户 电话3户 新增预警1人', JSON.stringify({ a: 'x'.repeat(1000) })]) {
      expect(decryptLarkPayload(encryptLarkPayload(plaintext, OFFICIAL_KEY), OFFICIAL_KEY)).toBe(plaintext);
    }
  });

  it('is base64(16-byte IV ‖ AES-256-CBC with PKCS#7 padding), with a fresh IV each time', () => {
    for (const length of [0, 11, 15, 16, 17, 32]) {
      const wire = Buffer.from(encryptLarkPayload('a'.repeat(length), OFFICIAL_KEY), 'base64');
      // PKCS#7 always pads, so a whole block is added when the input fills its last block.
      expect(wire.length).toBe(16 + 16 * (Math.floor(length / 16) + 1));
    }
    const a = encryptLarkPayload('hello world', OFFICIAL_KEY);
    const b = encryptLarkPayload('hello world', OFFICIAL_KEY);
    expect(a).not.toBe(b);
    // The official vector has the same shape: one IV block plus one cipher block for "hello world".
    expect(Buffer.from(OFFICIAL_CIPHERTEXT, 'base64').length).toBe(Buffer.from(a, 'base64').length);
  });
});

describe('Lark request signature', () => {
  it('matches the worked example: sha256(timestamp + nonce + key ‖ raw body), lower-case hex', () => {
    expect(computeLarkSignature('1700000000', 'abc', OFFICIAL_KEY, SIGNED_BODY)).toBe(SIGNATURE);
    expect(computeLarkSignature('1700000000', 'abc', OFFICIAL_KEY, Buffer.from(SIGNED_BODY, 'utf8'))).toBe(SIGNATURE);
  });

  it('accepts the right signature (in either case) and rejects any change to it, the body or the headers', () => {
    const headers = { timestamp: '1700000000', nonce: 'abc', signature: SIGNATURE };
    expect(isLarkSignatureValid(headers, OFFICIAL_KEY, SIGNED_BODY)).toBe(true);
    expect(isLarkSignatureValid({ ...headers, signature: SIGNATURE.toUpperCase() }, OFFICIAL_KEY, SIGNED_BODY)).toBe(true);

    const flipped = (SIGNATURE[0] === '0' ? '1' : '0') + SIGNATURE.slice(1);
    expect(isLarkSignatureValid({ ...headers, signature: flipped }, OFFICIAL_KEY, SIGNED_BODY)).toBe(false);
    expect(isLarkSignatureValid({ ...headers, signature: SIGNATURE.slice(0, 32) }, OFFICIAL_KEY, SIGNED_BODY)).toBe(false);
    expect(isLarkSignatureValid({ ...headers, signature: '' }, OFFICIAL_KEY, SIGNED_BODY)).toBe(false);
    expect(isLarkSignatureValid({ ...headers, timestamp: '1700000001' }, OFFICIAL_KEY, SIGNED_BODY)).toBe(false);
    expect(isLarkSignatureValid({ ...headers, nonce: 'abd' }, OFFICIAL_KEY, SIGNED_BODY)).toBe(false);
    expect(isLarkSignatureValid(headers, 'other key', SIGNED_BODY)).toBe(false);
    // The signature covers the raw bytes: the same JSON re-serialised no longer matches.
    const pretty = JSON.stringify(JSON.parse(SIGNED_BODY), null, 2);
    expect(isLarkSignatureValid(headers, OFFICIAL_KEY, pretty)).toBe(false);
  });
});
