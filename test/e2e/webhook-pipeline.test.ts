import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { outbox, receivedEvents } from '../../src/db/schema/index.js';
import { computeLarkSignature, decryptLarkPayload, encryptLarkPayload } from '../../src/lark/lark-crypto.js';
import { buildEnvelope } from '../../src/lark/sandbox/deliver-event.js';
import { p2pChatIdFor } from '../../src/lark/sandbox/sandbox-state.js';
import { silentLogger } from '../../src/log.js';
import { startNodeServer, type RunningDucha } from '../../src/entry/start-node-server.js';
import { createTestDatabase } from '../helpers/test-database.js';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

/**
 * Lark's webhook protocol as Lark (or an attacker) would exercise it: raw HTTP to /lark/events and
 * /lark/card, encrypted and signed by hand, checking what is answered and what is (not) stored.
 */

const MIB = 1024 * 1024;
const TEACHER = 'ou_demo_t0101';

type Door = '/lark/events' | '/lark/card';
type Envelope = ReturnType<typeof buildEnvelope>;
type Sent = { status: number; body: any };

let ducha: TestDucha;
const settings = () => ducha.sandbox.settings;
const encryptKey = () => settings().encryptKey!;

beforeAll(async () => {
  ducha = await startTestDucha({ roster: 'demo' });
});
afterAll(() => ducha?.close());

// ---------------------------------------------------------------------------------------------
// Building requests the way Lark does

const hex = (n: number) => randomBytes(n).toString('hex');

/** Seconds since the epoch on the app's (frozen) clock, shifted by offsetMs. */
const timestampAt = (offsetMs = 0) => String(Math.floor((ducha.clock.now().getTime() + offsetMs) / 1000));

const encrypted = (plaintext: string, key = encryptKey()) => JSON.stringify({ encrypt: encryptLarkPayload(plaintext, key) });

function signatureHeaders(raw: string, options: { timestamp?: string; nonce?: string; key?: string } = {}) {
  const timestamp = options.timestamp ?? timestampAt();
  const nonce = options.nonce ?? hex(8);
  return {
    'x-lark-request-timestamp': timestamp,
    'x-lark-request-nonce': nonce,
    'x-lark-signature': computeLarkSignature(timestamp, nonce, options.key ?? encryptKey(), raw),
  };
}

async function send(path: string, body: string | Uint8Array[], headers: Record<string, string> = {}): Promise<Sent> {
  // An oversize upload gets its own connection: see "keeps the connection usable after a 413".
  if (Array.isArray(body) || Buffer.byteLength(body) > MIB) return httpRequest({ method: 'POST', path, body, headers, agent: false });
  const response = await fetch(ducha.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body,
  });
  return { status: response.status, body: parseBody(await response.text()) };
}

const parseBody = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/**
 * Plain node:http, for what fetch cannot do: pick the connection (agent) and stream a chunked body
 * (fetch gives up with "other side closed" when the server answers before the upload is done).
 * A string body is sent with a content-length, an array of chunks with chunked transfer encoding.
 */
function httpRequest(options: {
  method: 'GET' | 'POST';
  path: string;
  body?: string | Uint8Array[];
  headers?: Record<string, string>;
  agent: http.Agent | false;
}): Promise<Sent> {
  const url = new URL(ducha.url + options.path);
  const { body } = options;
  const headers: Record<string, string> = { ...options.headers };
  if (typeof body === 'string') headers['content-length'] = String(Buffer.byteLength(body));
  if (Array.isArray(body)) headers['transfer-encoding'] = 'chunked';
  if (body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: options.method, headers, agent: options.agent },
      (response) => {
        answered = true;
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (d: string) => (text += d));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: parseBody(text) }));
      },
    );
    // Once the server has answered it may close the socket mid-upload; that is not a failure.
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (Array.isArray(body)) for (const chunk of body) request.write(chunk);
    request.end(typeof body === 'string' ? body : undefined);
  });
}

/** Encrypts and signs an envelope exactly as Lark does; returns what was sent so it can be re-sent. */
async function deliver(path: Door, envelope: unknown) {
  const raw = encrypted(JSON.stringify(envelope));
  const headers = signatureHeaders(raw);
  const response = await send(path, raw, headers);
  return { ...response, raw, headers };
}

/** A person's text message: put in the sandbox's chat (so the bot can reply to it) and wrapped as Lark would. */
function personSays(text: string, openId = TEACHER) {
  const chatId = p2pChatIdFor(openId);
  const said = ducha.sandbox.add({
    chat_id: chatId,
    chat_type: 'p2p',
    msg_type: 'text',
    content: { text },
    text,
    receive_id_type: null,
    receive_id: null,
    parent_id: null,
    uuid: null,
    sender: { type: 'user', open_id: openId },
  });
  const envelope = buildEnvelope(ducha.sandbox, 'im.message.receive_v1', {
    sender: { sender_id: { open_id: openId, union_id: `on_${openId}` }, sender_type: 'user', tenant_key: 'sandbox' },
    message: {
      message_id: said.message_id,
      create_time: said.create_time,
      update_time: said.create_time,
      chat_id: chatId,
      chat_type: 'p2p',
      message_type: 'text',
      content: JSON.stringify({ text }),
      mentions: [],
    },
  });
  return { messageId: said.message_id, envelope };
}

/** A card button click as Lark sends it (for a card that does not exist: only the pipeline matters). */
function cardClick(openId = TEACHER): Envelope {
  return buildEnvelope(ducha.sandbox, 'card.action.trigger', {
    operator: { open_id: openId, union_id: `on_${openId}`, tenant_key: 'sandbox' },
    token: `c-${hex(8)}`,
    action: { value: { action: 'noop' }, tag: 'button', timezone: 'Asia/Shanghai' },
    host: 'im_message',
    context: { open_message_id: `om_${hex(16)}`, open_chat_id: 'oc_demo_school_01' },
  });
}

const challengeBody = (challenge: string, token = settings().verificationToken) =>
  encrypted(JSON.stringify({ challenge, token, type: 'url_verification' }));

// ---------------------------------------------------------------------------------------------
// Observing what happened

const repliesTo = (messageId: string) => ducha.botMessages().filter((m) => m.parent_id === messageId);

async function storedEvents() {
  return ducha.db.select().from(receivedEvents);
}

async function storedEvent(eventId: string) {
  const rows = await ducha.db.select().from(receivedEvents).where(eq(receivedEvents.eventId, eventId));
  return rows;
}

async function snapshot() {
  await ducha.settle();
  const [queued] = await ducha.db.select({ n: count() }).from(outbox);
  return {
    receivedEvents: (await storedEvents()).length,
    outboxRows: queued!.n,
    botMessages: ducha.botMessages().length,
    sandboxMessages: ducha.sandbox.messages.length,
  };
}

/** A rejection answers with a short JSON error that names the problem and leaks no secret. */
function expectShortError(body: unknown, pattern: RegExp) {
  expect(body).toEqual({ error: expect.stringMatching(pattern) });
  const error = (body as { error: string }).error;
  expect(error.length).toBeLessThanOrEqual(80);
  expect(error).not.toContain(encryptKey());
  expect(error).not.toContain(settings().verificationToken);
}

async function expectHealthy() {
  const response = await fetch(ducha.url + '/healthz');
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ ok: true });
}

// ---------------------------------------------------------------------------------------------

describe('URL verification (the challenge Lark sends when the request URL is saved)', () => {
  it.each(['/lark/events', '/lark/card'] as const)('%s answers an encrypted, unsigned challenge with the plaintext challenge', async (door) => {
    const before = await snapshot();
    const challenge = `challenge-${hex(6)}`;
    const response = await send(door, challengeBody(challenge));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ challenge });
    expect(await snapshot()).toEqual(before);
  });

  it.each(['/lark/events', '/lark/card'] as const)('%s also answers a challenge that happens to be signed', async (door) => {
    const raw = challengeBody('signed-challenge');
    const response = await send(door, raw, signatureHeaders(raw));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ challenge: 'signed-challenge' });
  });

  it.each(['/lark/events', '/lark/card'] as const)('%s refuses a challenge carrying the wrong verification token (401)', async (door) => {
    const before = await snapshot();
    const response = await send(door, challengeBody('nope', 'not-the-verification-token'));
    expect(response.status).toBe(401);
    expectShortError(response.body, /token/i);
    expect(JSON.stringify(response.body)).not.toContain('nope');
    expect(await snapshot()).toEqual(before);
  });
});

describe('an accepted message event', () => {
  let first: Awaited<ReturnType<typeof deliver>>;
  let said: ReturnType<typeof personSays>;

  it('is acknowledged with 200 {}, stored once, and answered with a reply to that message', async () => {
    const before = await snapshot();
    said = personSays('帮助');
    first = await deliver('/lark/events', said.envelope);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({});
    await ducha.settle();

    const rows = await storedEvent(said.envelope.header.event_id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ messageId: said.messageId, eventType: 'im.message.receive_v1' });
    expect((await storedEvents()).length).toBe(before.receivedEvents + 1);

    const replies = repliesTo(said.messageId);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.chat_id).toBe(p2pChatIdFor(TEACHER));
    expect(replies[0]!.text.length).toBeGreaterThan(0);
  });

  it('keeps no message content once processed (payload cleared, dedup keys kept)', async () => {
    const [row] = await storedEvent(said.envelope.header.event_id);
    expect(row!.processedAt).not.toBeNull();
    expect(row!.payload).toBeNull();
    expect(row!.messageId).toBe(said.messageId);
    expect(row!.lastError).toBeNull();
  });

  it('a Lark retry of the very same request is acknowledged but neither stored nor answered again', async () => {
    const before = await snapshot();
    const retry = await send('/lark/events', first.raw, first.headers);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({});
    expect(await snapshot()).toEqual(before);
    expect(await storedEvent(said.envelope.header.event_id)).toHaveLength(1);
    expect(repliesTo(said.messageId)).toHaveLength(1);
  });

  it('a retry of the same event re-encrypted and re-signed (new IV, nonce, signature) is dropped too', async () => {
    const before = await snapshot();
    const retry = await deliver('/lark/events', said.envelope);
    expect(retry.status).toBe(200);
    expect(retry.raw).not.toBe(first.raw);
    expect(await snapshot()).toEqual(before);
    expect(repliesTo(said.messageId)).toHaveLength(1);
  });

  it('the same message_id under a new event_id is dropped as a duplicate (still one reply)', async () => {
    const before = await snapshot();
    const again = { ...said.envelope, header: { ...said.envelope.header, event_id: hex(16) } };
    const response = await deliver('/lark/events', again);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({});
    expect(await snapshot()).toEqual(before);
    expect(await storedEvent(again.header.event_id)).toHaveLength(0);
    expect(repliesTo(said.messageId)).toHaveLength(1);
  });

  it('a body that is not compact JSON is accepted when the signature is over its raw bytes', async () => {
    const next = personSays('帮助');
    const raw = JSON.stringify({ encrypt: encryptLarkPayload(JSON.stringify(next.envelope), encryptKey()) }, null, 2);
    const response = await send('/lark/events', raw, signatureHeaders(raw));
    expect(response.status).toBe(200);
    await ducha.settle();
    expect(await storedEvent(next.envelope.header.event_id)).toHaveLength(1);
    expect(repliesTo(next.messageId)).toHaveLength(1);
  });

  it('through the sandbox (ducha.say) the same path gives one reply to the message', async () => {
    const { message_id, delivered, replies } = await ducha.say(TEACHER, '帮助');
    expect(delivered).toEqual({ status: 200, body: {} });
    expect(replies).toHaveLength(1);
    expect(replies[0]!.parent_id).toBe(message_id);
  });
});

describe('an event type Ducha does not handle', () => {
  it('is acknowledged, then marked processed with its payload cleared, and nothing is sent', async () => {
    const before = await snapshot();
    const envelope = buildEnvelope(ducha.sandbox, 'im.chat.member.bot.added_v1', {
      chat_id: 'oc_demo_school_01',
      operator_id: { open_id: 'ou_demo_a1', union_id: 'on_ou_demo_a1' },
      external: false,
      operator_tenant_key: 'sandbox',
      name: '示例学校群',
    });
    const response = await deliver('/lark/events', envelope);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({});
    await ducha.settle();

    const [row] = await storedEvent(envelope.header.event_id);
    expect(row).toMatchObject({ eventType: 'im.chat.member.bot.added_v1', messageId: null, payload: null });
    expect(row!.processedAt).not.toBeNull();
    const after = await snapshot();
    expect(after.receivedEvents).toBe(before.receivedEvents + 1);
    expect(after.outboxRows).toBe(before.outboxRows);
    expect(after.botMessages).toBe(before.botMessages);
  });
});

describe('/lark/card', () => {
  it('refuses a correctly signed event that is not a card callback (400), storing nothing', async () => {
    const before = await snapshot();
    const { envelope, messageId } = personSays('帮助');
    const response = await deliver('/lark/card', envelope);
    expect(response.status).toBe(400);
    expectShortError(response.body, /card/i);
    expect(await snapshot()).toEqual({ ...before, sandboxMessages: before.sandboxMessages + 1 });
    expect(await storedEvent(envelope.header.event_id)).toHaveLength(0);
    expect(repliesTo(messageId)).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Rejections: each is a request Lark would never send; none may leave a trace.

type Rejection = {
  name: string;
  status: 400 | 401 | 413;
  error: RegExp;
  request: (envelope: Envelope) => { body: string | Uint8Array[]; headers: Record<string, string> };
};

/** Ciphertext under another key that the app's key cannot decrypt at all (retried until it fails cleanly). */
function encryptedUnderWrongKey(plaintext: string): string {
  for (;;) {
    const encrypt = encryptLarkPayload(plaintext, `wrong-${hex(8)}`);
    try {
      decryptLarkPayload(encrypt, encryptKey());
    } catch {
      return JSON.stringify({ encrypt });
    }
  }
}

/** A JSON body of more than totalBytes, in 64 KiB chunks. */
function oversizeChunks(totalBytes: number): Uint8Array[] {
  const encoder = new TextEncoder();
  const chunks = [encoder.encode('{"encrypt":"')];
  for (let sent = 0; sent < totalBytes; sent += 64 * 1024) chunks.push(encoder.encode('A'.repeat(64 * 1024)));
  chunks.push(encoder.encode('"}'));
  return chunks;
}

const signed = (body: string, options?: Parameters<typeof signatureHeaders>[1]) => ({ body, headers: signatureHeaders(body, options) });

const rejections: Rejection[] = [
  {
    name: 'a bad signature',
    status: 401,
    error: /signature/i,
    request: (envelope) => {
      const body = encrypted(JSON.stringify(envelope));
      return { body, headers: { ...signatureHeaders(body), 'x-lark-signature': computeLarkSignature(timestampAt(), 'x', encryptKey(), body) } };
    },
  },
  {
    name: 'a signature made with another key',
    status: 401,
    error: /signature/i,
    request: (envelope) => signed(encrypted(JSON.stringify(envelope)), { key: 'some other encrypt key' }),
  },
  {
    name: 'a signature over the re-serialised body instead of the raw (pretty-printed) bytes',
    status: 401,
    error: /signature/i,
    request: (envelope) => {
      const compact = encrypted(JSON.stringify(envelope));
      const pretty = JSON.stringify(JSON.parse(compact), null, 2);
      return { body: pretty, headers: signatureHeaders(compact) };
    },
  },
  {
    name: 'a timestamp 6 minutes old',
    status: 401,
    error: /timestamp/i,
    request: (envelope) => signed(encrypted(JSON.stringify(envelope)), { timestamp: timestampAt(-6 * 60 * 1000) }),
  },
  {
    name: 'a timestamp 6 minutes in the future',
    status: 401,
    error: /timestamp/i,
    request: (envelope) => signed(encrypted(JSON.stringify(envelope)), { timestamp: timestampAt(6 * 60 * 1000) }),
  },
  {
    name: 'a timestamp that is not a number',
    status: 401,
    error: /timestamp/i,
    request: (envelope) => signed(encrypted(JSON.stringify(envelope)), { timestamp: 'yesterday' }),
  },
  {
    name: 'no signature on an encrypted event that is not a challenge',
    status: 401,
    error: /signature/i,
    request: (envelope) => ({ body: encrypted(JSON.stringify(envelope)), headers: {} }),
  },
  {
    name: 'a signature without its nonce header',
    status: 401,
    error: /signature/i,
    request: (envelope) => {
      const { body, headers } = signed(encrypted(JSON.stringify(envelope)));
      const { 'x-lark-request-nonce': _nonce, ...rest } = headers;
      return { body, headers: rest };
    },
  },
  {
    name: 'the wrong verification token inside a correctly signed body',
    status: 401,
    error: /token/i,
    request: (envelope) => signed(encrypted(JSON.stringify({ ...envelope, header: { ...envelope.header, token: 'not-the-verification-token' } }))),
  },
  {
    name: 'malformed JSON',
    status: 400,
    error: /json/i,
    request: () => signed('{"encrypt": "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk='),
  },
  {
    name: 'a JSON array instead of an object',
    status: 400,
    error: /json/i,
    request: (envelope) => signed(JSON.stringify([JSON.parse(encrypted(JSON.stringify(envelope)))])),
  },
  {
    name: 'a body encrypted with another key',
    status: 400,
    error: /decrypt/i,
    request: (envelope) => signed(encryptedUnderWrongKey(JSON.stringify(envelope))),
  },
  {
    name: 'a body that decrypts to garbage',
    status: 400,
    error: /json/i,
    request: () => signed(encrypted('this is not JSON at all')),
  },
  {
    name: 'an unencrypted body while an encrypt key is configured',
    status: 400,
    error: /encrypt/i,
    request: (envelope) => signed(JSON.stringify(envelope)),
  },
  {
    name: 'a body over 1 MiB',
    status: 413,
    error: /too large/i,
    request: () => signed(JSON.stringify({ encrypt: 'A'.repeat(MIB + 16) })),
  },
  {
    name: 'a body over 1 MiB streamed without a content-length',
    status: 413,
    error: /too large/i,
    request: () => ({ body: oversizeChunks(MIB + 64 * 1024), headers: signatureHeaders('unknowable') }),
  },
  {
    name: 'a v1.0 envelope (not schema 2.0)',
    status: 400,
    error: /schema|envelope/i,
    request: (envelope) =>
      signed(
        encrypted(
          JSON.stringify({
            uuid: hex(16),
            ts: `${timestampAt()}.000`,
            token: settings().verificationToken,
            type: 'event_callback',
            event: { type: envelope.header.event_type, app_id: settings().appId, tenant_key: 'sandbox', ...(envelope.event as object) },
          }),
        ),
      ),
  },
];

describe.each([
  { door: '/lark/events' as const, envelope: () => personSays('帮助').envelope },
  { door: '/lark/card' as const, envelope: () => cardClick() },
])('$door rejects', ({ door, envelope: makeEnvelope }) => {
  it.each(rejections)('$name ($status)', async ({ status, error, request }) => {
    const envelope = makeEnvelope();
    const before = await snapshot();
    const { body, headers } = request(envelope);
    const response = await send(door, body, headers);
    expect(response.status).toBe(status);
    expectShortError(response.body, error);

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
    try {
      const raw = body();
      const rejected = await httpRequest({ method: 'POST', path: '/lark/events', body: raw, headers: signatureHeaders('unknowable'), agent });
      expect(rejected.status).toBe(413);
      const next = await httpRequest({ method: 'GET', path: '/healthz', agent });
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
    const response = await fetch(ducha.url + '/readyz');
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

  it('serves no sandbox: /sandbox/* and /open-apis/* answer 404', async () => {
    expect(real.sandbox).toBeUndefined();
    const requests: [string, RequestInit][] = [
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
    const body = JSON.stringify({ encrypt: encryptLarkPayload(JSON.stringify({ challenge: 'real-1', token: 'v', type: 'url_verification' }), 'k') });
    const response = await fetch(real.url + '/lark/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'real-1' });
  });

  it('GET /readyz answers 200 with the database up', async () => {
    const response = await fetch(real.url + '/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, database: 'up' });
  });
});
