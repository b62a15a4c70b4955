import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startNodeServer, type RunningDucha } from '../../src/entry/start-node-server.js';
import type { ErrorCode } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import {
  encrypted,
  encryptedUnderAnotherKey,
  httpRequest,
  misSignedHeaders,
  oversizeChunks,
  post,
  signedHeaders,
  urlVerification,
  v1Envelope,
  type Envelope,
} from '../helpers/lark-traffic.js';
import { createTestDatabase } from '../helpers/test-database.js';
import { MIB, TEACHER, webhookDoors } from '../helpers/webhook-doors.js';

/**
 * Rejections: each is a request Lark would never send; none may leave a trace. Each is answered
 * with its status and a short error, and logged (once) with its code. Then what the server
 * answers besides Lark's events: health, and (on a server of its own) a real Lark app's config.
 */

const doors = webhookDoors();
const { send, personSays, cardClick, storedEvent, snapshot, expectShortError, expectHealthy, logMark, codesSince } = doors;

type Rejection = {
  name: string;
  status: 400 | 401 | 413;
  error: RegExp;
  code: ErrorCode;
  request: (envelope: Envelope) => { body: string | Uint8Array[]; headers: Record<string, string> };
};

const key = () => doors.encryptKey();
const sealedBody = (envelope: unknown) => encrypted(JSON.stringify(envelope), key());
/** Signed with the app's key at the app's time, unless told otherwise. */
const signed = (body: string, options: { at?: Date | string; key?: string } = {}) => ({
  body,
  headers: signedHeaders(body, options.key ?? key(), options.at ?? doors.now()),
});

const rejections: Rejection[] = [
  {
    name: 'a bad signature',
    status: 401,
    error: /signature/i,
    code: 'bad_signature',
    request: (envelope) => {
      const body = sealedBody(envelope);
      return { body, headers: misSignedHeaders(body, key(), doors.now()) };
    },
  },
  {
    name: 'a signature made with another key',
    status: 401,
    error: /signature/i,
    code: 'bad_signature',
    request: (envelope) => signed(sealedBody(envelope), { key: 'some other encrypt key' }),
  },
  {
    name: 'a signature over the re-serialised body instead of the raw (pretty-printed) bytes',
    status: 401,
    error: /signature/i,
    code: 'bad_signature',
    request: (envelope) => {
      const compact = sealedBody(envelope);
      const pretty = JSON.stringify(JSON.parse(compact), null, 2);
      return { body: pretty, headers: signed(compact).headers };
    },
  },
  {
    name: 'a timestamp 6 minutes old',
    status: 401,
    error: /timestamp/i,
    code: 'stale_timestamp',
    request: (envelope) => signed(sealedBody(envelope), { at: doors.now(-6 * 60 * 1000) }),
  },
  {
    name: 'a timestamp 6 minutes in the future',
    status: 401,
    error: /timestamp/i,
    code: 'stale_timestamp',
    request: (envelope) => signed(sealedBody(envelope), { at: doors.now(6 * 60 * 1000) }),
  },
  {
    name: 'a timestamp that is not a number',
    status: 401,
    error: /timestamp/i,
    code: 'stale_timestamp',
    request: (envelope) => signed(sealedBody(envelope), { at: 'yesterday' }),
  },
  {
    name: 'no signature on an encrypted event that is not a challenge',
    status: 401,
    error: /signature/i,
    code: 'missing_signature',
    request: (envelope) => ({ body: sealedBody(envelope), headers: {} }),
  },
  {
    name: 'a signature without its nonce header',
    status: 401,
    error: /signature/i,
    code: 'incomplete_signature',
    request: (envelope) => {
      const { body, headers } = signed(sealedBody(envelope));
      const { 'x-lark-request-nonce': _nonce, ...rest } = headers;
      return { body, headers: rest };
    },
  },
  {
    name: 'the wrong verification token inside a correctly signed body',
    status: 401,
    error: /token/i,
    code: 'wrong_token',
    request: (envelope) => signed(sealedBody({ ...envelope, header: { ...envelope.header, token: 'not-the-verification-token' } })),
  },
  {
    name: 'malformed JSON',
    status: 400,
    error: /json/i,
    code: 'malformed_json',
    request: () => signed('{"encrypt": "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk='),
  },
  {
    name: 'a JSON array instead of an object',
    status: 400,
    error: /json/i,
    code: 'malformed_json',
    request: (envelope) => signed(JSON.stringify([JSON.parse(sealedBody(envelope))])),
  },
  {
    name: 'a body encrypted with another key',
    status: 400,
    error: /decrypt/i,
    code: 'undecryptable',
    request: (envelope) => signed(encryptedUnderAnotherKey(JSON.stringify(envelope), key())),
  },
  {
    name: 'a body that decrypts to garbage',
    status: 400,
    error: /json/i,
    code: 'malformed_inner_json',
    request: () => signed(encrypted('this is not JSON at all', key())),
  },
  {
    name: 'an unencrypted body while an encrypt key is configured',
    status: 400,
    error: /encrypt/i,
    code: 'not_encrypted',
    request: (envelope) => signed(JSON.stringify(envelope)),
  },
  {
    name: 'a body over 1 MiB',
    status: 413,
    error: /too large/i,
    code: 'body_too_large',
    request: () => signed(JSON.stringify({ encrypt: 'A'.repeat(MIB + 16) })),
  },
  {
    name: 'a body over 1 MiB streamed without a content-length',
    status: 413,
    error: /too large/i,
    code: 'body_too_large',
    request: () => ({ body: oversizeChunks(MIB + 64 * 1024), headers: signedHeaders('unknowable', key(), doors.now()) }),
  },
  {
    name: 'a v1.0 envelope (not schema 2.0)',
    status: 400,
    error: /schema|envelope/i,
    code: 'unsupported_envelope',
    request: (envelope) => signed(sealedBody(v1Envelope(doors.ducha().sandbox, envelope))),
  },
];

/** The rejection was logged once, with its code (a 413 too, answered by the body limit before the pipeline). */
function expectLoggedCode(mark: number, code: ErrorCode) {
  expect(codesSince(mark)).toEqual([code]);
}

describe.each([
  { door: '/lark/events' as const, envelope: () => personSays('帮助').envelope },
  { door: '/lark/card' as const, envelope: () => cardClick() },
])('$door rejects', ({ door, envelope: makeEnvelope }) => {
  it.each(rejections)('$name ($status)', async ({ status, error, code, request }) => {
    const envelope = makeEnvelope();
    const before = await snapshot();
    const { body, headers } = request(envelope);
    const mark = logMark();
    const response = await send(door, body, headers);
    expect(response.status).toBe(status);
    expectShortError(response.body, error);
    expectLoggedCode(mark, code);

    expect(await snapshot()).toEqual(before);
    expect(await storedEvent(envelope.header.event_id)).toHaveLength(0);
    await expectHealthy();
  });
});

describe('an oversize upload on a keep-alive connection', () => {
  // The 413 is sent before the body is read. The server must then either read the rest or close
  // the connection saying so (Connection: close); it must not advertise keep-alive and then drop
  // the next request that the client sends on that same connection.
  it.each([
    { how: 'with a content-length', body: () => JSON.stringify({ encrypt: 'A'.repeat(MIB + 16) }) },
    { how: 'chunked', body: () => oversizeChunks(MIB + 64 * 1024) },
  ])('keeps the connection usable after a 413 ($how)', async ({ body }) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const url = doors.ducha().url;
    try {
      const headers = signedHeaders('unknowable', key(), doors.now());
      const rejected = await httpRequest(url + '/lark/events', { method: 'POST', body: body(), headers, agent });
      expect(rejected.status).toBe(413);
      const next = await httpRequest(url + '/healthz', { method: 'GET', agent });
      expect(next).toEqual({ status: 200, body: { ok: true } });
    } finally {
      agent.destroy();
    }
  });
});

describe('health', () => {
  it('GET /healthz answers 200', async () => {
    await expectHealthy();
  });

  it('GET /readyz answers 200 with the database up', async () => {
    const response = await fetch(doors.ducha().url + '/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, database: 'up' });
  });
});

describe('with a real Lark app configured', () => {
  let real: RunningDucha;
  beforeAll(async () => {
    const config = loadConfig({
      PORT: '0',
      DUCHA_CRON: 'off',
      LARK_APP_ID: 'cli_x',
      LARK_APP_SECRET: 's',
      LARK_VERIFICATION_TOKEN: 'v',
      LARK_ENCRYPT_KEY: 'k',
      LARK_DOMAIN: 'http://127.0.0.1:9',
    });
    real = await startNodeServer({ config, database: await createTestDatabase(), log: silentLogger });
  });
  afterAll(() => real?.close());

  it('serves no sandbox: the console at /, /sandbox/* and /open-apis/* answer 404', async () => {
    expect(real.sandbox).toBeUndefined();
    const requests: [string, RequestInit][] = [
      ['/', {}],
      ['/sandbox/console/app.js', {}],
      ['/sandbox/console/stream', {}],
      ['/sandbox/console/jump', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ at: '2026-12-01T09:00' }) }],
      ['/sandbox/messages', {}],
      ['/sandbox/clock', {}],
      ['/sandbox/say', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ open_id: TEACHER, text: '帮助' }) }],
      ['/sandbox/tick', { method: 'POST' }],
      [
        '/open-apis/auth/v3/tenant_access_token/internal',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ app_id: 'cli_x', app_secret: 's' }) },
      ],
      ['/open-apis/im/v1/messages?receive_id_type=chat_id', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }],
    ];
    for (const [path, init] of requests) {
      const response = await fetch(real.url + path, init);
      expect(response.status, path).toBe(404);
    }
  });

  it("answers Lark's challenge with the configured encrypt key and verification token", async () => {
    const response = await post(real.url + '/lark/events', urlVerification('real-1', 'v', 'k'));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ challenge: 'real-1' });
  });

  it('GET /readyz answers 200 with the database up', async () => {
    const response = await fetch(real.url + '/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, database: 'up' });
  });
});
