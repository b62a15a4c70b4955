import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettableClock } from '../../src/clock.js';
import { evidenceStorageKey } from '../../src/db/evidence-store.js';
import { campaigns, evidence, people, responses, rounds } from '../../src/db/schema/index.js';
import { importRoster } from '../../src/domain/roster/import-roster.js';
import { buildDemoCounty } from '../../src/domain/roster/demo-county.js';
import { buildEnvelope, deliverEnvelope } from '../../src/lark/sandbox/deliver-event.js';
import { SANDBOX_BOT_OPEN_ID, sandboxAppEnv, SandboxState, type SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { createStandaloneSandbox } from '../../src/lark/sandbox/standalone-sandbox.js';
import { seedFixtureFramework } from '../fixtures/framework.js';
import { callbackValue } from '../helpers/card-tree.js';
import { fakeFile, sha256 } from '../helpers/evidence-upload.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { startWranglerDev, type WranglerDev } from '../helpers/wrangler-dev.js';
import { sleep, until } from '../helpers/until.js';

const OPENS_AT = '2026-12-01T09:00:00+08:00';
const SCHOOL_01 = 'oc_demo_school_01';
const TEACHER = 'ou_demo_t0101';
const PRINCIPAL = 'ou_demo_p01';
/** wrangler.toml's bucket_name for the EVIDENCE binding. */
const EVIDENCE_BUCKET = 'ducha-evidence';
const MB = 1024 * 1024;

/**
 * The Worker build in workerd (`wrangler dev --local`), against the CI Postgres through the
 * Hyperdrive binding's local connection, and a Lark sandbox on 127.0.0.1 that the Worker's SDK
 * client calls as if it were Lark, exactly as a deployed Worker talks to Lark.
 */
describe('Ducha as a Cloudflare Worker, in workerd', () => {
  let database: TestDatabase;
  let lark: ServerType;
  let state: SandboxState;
  let worker: WranglerDev;
  const responsesOf = (openId: string) =>
    database.db
      .select({ answers: responses.answers, late: responses.late, source: responses.source, revisions: responses.revisions })
      .from(responses)
      .innerJoin(people, eq(people.id, responses.personId))
      .where(eq(people.openId, openId));
  const larkUrl = () => `http://127.0.0.1:${(lark.address() as AddressInfo).port}`;
  const postJson = async (url: string, body: unknown): Promise<unknown> =>
    (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
  /** A person sends a photo or file 1:1 through the sandbox, which delivers the event to the Worker; waits for the first reply. */
  const sendFile = async (o: { openId: string; kind: 'image' | 'file'; bytes: Uint8Array; fileName?: string }) => {
    const query = new URLSearchParams({ open_id: o.openId, kind: o.kind, wait_ms: '10000', ...(o.fileName ? { file_name: o.fileName } : {}) });
    const sent = await fetch(`${larkUrl()}/sandbox/send-file?${query}`, { method: 'POST', body: o.bytes });
    return (await sent.json()) as { message_id: string; replies: SandboxMessage[] };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await importRoster(database.db, new Date('2026-11-30T00:00:00Z'), buildDemoCounty());
    state = new SandboxState(new SettableClock(new Date(OPENS_AT)));
    lark = serve({ fetch: createStandaloneSandbox(state).fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => lark.once('listening', r));
    worker = await startWranglerDev({
      databaseUrl: database.url!,
      vars: {
        ...sandboxAppEnv(larkUrl()),
        DUCHA_SANDBOX_CLOCK: OPENS_AT,
      },
    });
    state.appUrl = worker.url;
    (state.clock as SettableClock).set(new Date(OPENS_AT));
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await new Promise((r) => (lark ? lark.close(r) : r(undefined)));
    await database?.close();
  });

  it('answers /healthz, and /readyz with the database reached through the Hyperdrive binding', async () => {
    expect(await (await fetch(`${worker.url}/healthz`)).json()).toEqual({ ok: true });
    expect(await (await fetch(`${worker.url}/readyz`)).json()).toEqual({ ok: true, database: 'up' });
  });

  it("opens December's round from a scheduled run: one prompt card per school chat, each principal their 1:1 cards", async () => {
    const run = await fetch(`${worker.url}/__scheduled?cron=*+*+*+*+*`);
    expect(run.status).toBe(200);
    expect(await until(() => state.botMessages().length >= 48, 30_000)).toBe(true);
    const sent = state.botMessages();
    expect(sent).toHaveLength(48);
    expect(new Set(sent.map((m) => m.uuid)).size).toBe(48);
    const prompts = sent.filter((m) => m.chat_type === 'group');
    expect(prompts).toHaveLength(16);
    expect(prompts.every((m) => m.msg_type === 'interactive')).toBe(true);
    const opened = await database.db
      .select({ period: rounds.period })
      .from(rounds)
      .innerJoin(campaigns, eq(campaigns.id, rounds.campaignId))
      .where(eq(campaigns.code, 'monthly-monitoring'));
    expect(opened).toEqual([{ period: '2026-12' }]);

    // A second run at the same minute finds nothing left to do.
    await fetch(`${worker.url}/__scheduled?cron=*+*+*+*+*`);
    await sleep(1500);
    expect(state.botMessages()).toHaveLength(48);
  });

  it("stores a teacher's signed, encrypted reply in Postgres, and the receipt reaches the chat", async () => {
    const said = await fetch(`${larkUrl()}/sandbox/say`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ open_id: TEACHER, chat_id: SCHOOL_01, text: '走访5户 电话3户 新增预警1人', wait_ms: 10_000 }),
    });
    const body = (await said.json()) as { delivered: { status: number }; replies: SandboxMessage[] };
    expect(body.delivered.status).toBe(200);
    expect(body.replies).toHaveLength(1);
    expect(body.replies[0]!.chat_id).toBe(SCHOOL_01);
    expect(body.replies[0]!.text).toContain('5');

    const rows = await responsesOf(TEACHER);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ late: false, source: 'text', answers: { home_visits: 5, phone_followups: 3, new_alerts: 1 } });
  });

  it('answers 导出 with where the Excel export runs: the Worker build carries no exceljs', async () => {
    const said = await fetch(`${larkUrl()}/sandbox/say`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ open_id: 'ou_demo_b1', text: '导出', wait_ms: 10_000 }),
    });
    const body = (await said.json()) as { replies: SandboxMessage[] };
    expect(body.replies).toHaveLength(1);
    expect(body.replies[0]!.text).toContain('Node 部署');
    expect(state.botMessages().filter((m) => m.msg_type === 'file')).toHaveLength(0);
  });

  it('files a principal’s photo from the picker and a teacher’s PDF by 佐证: rows in Postgres, bytes in the R2 bucket, listed by 档案', async () => {
    const { subItemIds } = await seedFixtureFramework(database.db, new Date(OPENS_AT));
    const photo = fakeFile('jpeg', 300 * 1024);
    const sent = await sendFile({ openId: PRINCIPAL, kind: 'image', bytes: photo });
    expect(sent.replies).toHaveLength(1);
    const picker = sent.replies[0]!;
    expect(picker.msg_type).toBe('interactive');
    expect(picker.text).toContain('2.3 消防演练照片');
    const clicked = await postJson(`${larkUrl()}/sandbox/click`, { open_id: PRINCIPAL, message_id: picker.message_id, value: callbackValue(picker), form_value: { sub_item: String(subItemIds['2.3']) }, wait_ms: 0 });
    expect((clicked as { delivered: { body: { toast: { type: string } } } }).delivered.body.toast.type).toBe('success');

    const pdf = fakeFile('pdf', 2 * MB);
    const file = await sendFile({ openId: TEACHER, kind: 'file', bytes: pdf, fileName: '安全教育记录.pdf' });
    expect(file.replies[0]!.msg_type).toBe('interactive');
    const said = (await postJson(`${larkUrl()}/sandbox/say`, { open_id: TEACHER, text: '佐证 2.1', wait_ms: 10_000 })) as { replies: SandboxMessage[] };
    expect(said.replies[0]!.text).toContain('已将「安全教育记录.pdf」归到子项 2.1 安全教育记录');

    for (const [message, bytes, fields] of [
      [sent, photo, { kind: 'image', mimeType: 'image/jpeg', subItemId: subItemIds['2.3'] }],
      [file, pdf, { kind: 'file', mimeType: 'application/pdf', fileName: '安全教育记录.pdf', subItemId: subItemIds['2.1'] }],
    ] as const) {
      const [row] = await database.db.select().from(evidence).where(eq(evidence.larkMessageId, message.message_id));
      expect(row).toMatchObject({ ...fields, byteLength: bytes.length, sha256: sha256(bytes), period: '2026-12' });
      // What the Worker put in the bucket, read back from wrangler's local R2.
      const stored = await worker.readObject(EVIDENCE_BUCKET, `evidence/${row!.storageKey}`);
      expect(stored?.length).toBe(bytes.length);
      expect(sha256(stored!)).toBe(sha256(bytes));
    }

    const archive = (await postJson(`${larkUrl()}/sandbox/say`, { open_id: PRINCIPAL, text: '档案', wait_ms: 10_000 })) as { replies: SandboxMessage[] };
    const lineOf = (code: string) => archive.replies[0]!.text.split('\n').find((l) => l.replace(/^\*\*/, '').startsWith(`${code} `));
    expect(lineOf('2.3')).toContain('1 份');
    expect(lineOf('2.1')).toContain('安全教育记录.pdf');
    expect(lineOf('1.2')).toContain('缺');
  });

  it('refuses a photo over 10 MB on the Worker: no row, nothing in the bucket', async () => {
    const sent = await sendFile({ openId: TEACHER, kind: 'image', bytes: fakeFile('jpeg', 11 * MB) });
    expect(sent.replies[0]!.text).toContain('超过 10 MB');
    expect(await database.db.select().from(evidence).where(eq(evidence.larkMessageId, sent.message_id))).toEqual([]);
    const [teacher] = await database.db.select().from(people).where(eq(people.openId, TEACHER));
    const key = evidenceStorageKey({ schoolId: teacher!.schoolId!, period: '2026-12', messageId: sent.message_id, extension: 'jpg' });
    expect(await worker.readObject(EVIDENCE_BUCKET, `evidence/${key}`)).toBeUndefined();
  });

  it('handles an event Lark delivers three times once: one stored answer, one receipt', async () => {
    const before = state.botMessages().length;
    const said = state.add({
      chat_id: SCHOOL_01,
      chat_type: 'group',
      msg_type: 'text',
      content: { text: '@_user_1 走访6户 电话2户 新增预警0人' },
      text: '走访6户 电话2户 新增预警0人',
      receive_id_type: null,
      receive_id: null,
      parent_id: null,
      uuid: null,
      sender: { type: 'user', open_id: 'ou_demo_t0102' },
    });
    const envelope = buildEnvelope(state, 'im.message.receive_v1', {
      sender: { sender_id: { open_id: 'ou_demo_t0102' }, sender_type: 'user', tenant_key: 'sandbox' },
      message: {
        message_id: said.message_id,
        create_time: said.create_time,
        chat_id: SCHOOL_01,
        chat_type: 'group',
        message_type: 'text',
        content: JSON.stringify({ text: '@_user_1 走访6户 电话2户 新增预警0人' }),
        mentions: [{ key: '@_user_1', id: { open_id: SANDBOX_BOT_OPEN_ID }, name: '督查助手', tenant_key: 'sandbox' }],
      },
    });
    for (let i = 0; i < 3; i++) expect((await deliverEnvelope(state, '/lark/events', envelope)).status).toBe(200);
    expect(await until(() => state.botMessages().length > before, 10_000)).toBe(true);
    await sleep(1500);
    expect(state.botMessages().filter((m) => m.parent_id === said.message_id)).toHaveLength(1);
    const stored = await responsesOf('ou_demo_t0102');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ revisions: 0, answers: { home_visits: 6, phone_followups: 2, new_alerts: 0 } });
    // Who the bot is was asked of Lark once, at the isolate's first group message, and kept.
    expect(state.botInfoRequests).toBe(1);
  });

  it('refuses a request whose signature does not match, storing nothing', async () => {
    const response = await fetch(`${worker.url}/lark/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-lark-request-timestamp': String(Math.floor(new Date(OPENS_AT).getTime() / 1000)),
        'x-lark-request-nonce': 'n',
        'x-lark-signature': '0'.repeat(64),
      },
      body: JSON.stringify({ encrypt: 'AAAA' }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toHaveProperty('error');
  });
});
