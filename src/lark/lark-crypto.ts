import { createCipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as lark from '@larksuiteoapi/node-sdk';

/** Lark's signature: hex(sha256(timestamp + nonce + encryptKey ‖ raw body bytes)). */
export function computeLarkSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: string | Uint8Array): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey).update(rawBody).digest('hex');
}

/** Constant-time comparison over the raw bytes, as Lark signed them. */
export function isLarkSignatureValid(
  headers: { timestamp: string; nonce: string; signature: string },
  encryptKey: string,
  rawBody: string | Uint8Array,
): boolean {
  const expected = Buffer.from(computeLarkSignature(headers.timestamp, headers.nonce, encryptKey, rawBody), 'utf8');
  const given = Buffer.from(headers.signature.toLowerCase(), 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Decrypts `{"encrypt": …}` with the SDK's own cipher; throws on a wrong key or damaged text. */
export function decryptLarkPayload(encrypted: string, encryptKey: string): string {
  return new lark.AESCipher(encryptKey).decrypt(encrypted);
}

/** The inverse the SDK lacks: used by the sandbox to send events the way Lark does. */
export function encryptLarkPayload(plaintext: string, encryptKey: string): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}
