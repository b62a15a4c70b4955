import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { people } from '../../src/db/schema/index.js';
import { buildDemoDirectory } from '../../src/domain/roster/demo-county.js';
import { SandboxState, sandboxAppEnv } from '../../src/lark/sandbox/sandbox-state.js';
import { createStandaloneSandbox } from '../../src/lark/sandbox/standalone-sandbox.js';
import { buildWorkbook } from '../helpers/roster-workbook.js';
import { cliOverFreshDatabase, runCli, type CliOverDatabase } from '../helpers/run-cli.js';

/**
 * Rosters that name people by mobile or email (issue 18 §2), through the real command line (a
 * child process) and the real SDK client, against a Lark sandbox serving contact/v3 over its
 * tenant: the demo county's people (as `npm start` and `npm run sandbox` seed it) and those the
 * test adds with POST /sandbox/users. Once as a real app (LARK_* naming the sandbox), once in
 * sandbox mode (no app: the sandbox of the server on PORT), once with nothing listening there.
 */

const demo = buildDemoDirectory();
/** The demo's first school: its principal and first teachers (school chat oc_demo_school_01). */
const [p01, t1, t2, t3, t4, t5] = demo;
const HEADER = ['镇街', '学校', '姓名', '角色', '手机号', '邮箱', '群id'];
const SCHOOL = ['首善街道', '首善街道中心小学(示例)'];
const row = (name: string, role: string, mobile: string, email: string) => [...SCHOOL, name, role, mobile, email, 'oc_demo_school_01'];
const csvOf = (rows: string[][]) => [HEADER, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';

let tmp: string;
let admin: CliOverDatabase;
let state: SandboxState;
let server: ServerType;
let sandboxUrl: string;

async function write(name: string, bytes: string | Uint8Array): Promise<string> {
  await writeFile(join(tmp, name), bytes);
  return join(tmp, name);
}

/** `import-roster FILE` as an app whose Lark is the sandbox, or (`sandboxMode`) with no app and the sandbox on PORT. */
function importAs(mode: 'app' | 'sandbox mode' | 'no sandbox', file: string) {
  const port = new URL(sandboxUrl).port;
  const env = mode === 'app' ? { ...admin.env, ...sandboxAppEnv(sandboxUrl) } : { ...admin.env, PORT: mode === 'sandbox mode' ? port : '1' };
  return runCli(env, ['import-roster', file]);
}

const storedPeople = () => admin.withDb((db) => db.select().from(people).orderBy(asc(people.openId)));

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ducha-contacts-'));
  admin = await cliOverFreshDatabase(tmp);
  state = new SandboxState(systemClock);
  state.addUsers(demo.map((p) => ({ open_id: p.openId, mobile: p.mobile, email: p.email, in_scope: true })));
  server = serve({ fetch: createStandaloneSandbox(state).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  sandboxUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await admin?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('import-roster by mobile and email', { timeout: 120_000 }, () => {
  it('imports an .xlsx whose mobiles are numbers, storing the open_ids and not a mobile or email', async () => {
    const file = await write(
      'by-mobile.xlsx',
      await buildWorkbook([
        {
          name: '名册',
          rows: [HEADER, [...SCHOOL, p01!.name, '校长', Number(p01!.mobile), '', 'oc_demo_school_01'], [...SCHOOL, t1!.name, '老师', '', t1!.email, 'oc_demo_school_01'], [...SCHOOL, t2!.name, '老师', `+86 ${t2!.mobile}`, t2!.email, 'oc_demo_school_01']],
        },
      ]),
    );
    const run = await importAs('app', file);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('已导入 3 行：1 个镇街，1 所学校；人员 新增 3，更新 0，未变 0，停用 0');
    const stored = await storedPeople();
    expect(stored.map((p) => [p.openId, p.name, p.role])).toEqual([
      [p01!.openId, p01!.name, 'principal'],
      [t1!.openId, t1!.name, 'teacher'],
      [t2!.openId, t2!.name, 'teacher'],
    ]);
    expect(JSON.stringify(stored)).not.toMatch(/1380000|example\.edu\.cn/);
  });

  it('lists every line Lark cannot resolve or that is no mobile number, with name and value, and imports nothing', async () => {
    const added = await fetch(`${sandboxUrl}/sandbox/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // In the tenant, but outside the app's availability: Lark shows the app no id for him.
      body: JSON.stringify({ users: [{ open_id: 'ou_out_of_scope', mobile: '13911112222', in_scope: false }] }),
    });
    expect(added.status).toBe(200);
    const file = await write(
      'by-mobile.csv',
      csvOf([
        row(t3!.name, '老师', '138 0000 ' + t3!.mobile.slice(-4), ''),
        row(t4!.name, '老师', '', t4!.email.toUpperCase()),
        row('许不在', '老师', '+86 139 9999 0000', 'nobody@example.edu.cn'),
        row('范范围', '老师', '13911112222', ''),
        row('冯座机', '老师', '0917-5521234', ''),
        row('孙空白', '老师', '', ''),
      ]),
    );
    const run = await importAs('app', file);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n');
    expect(lines).toContain(`${file}：未导入任何内容，发现 4 个问题：`);
    expect(lines).toContain('  第 4 行：飞书通讯录中找不到「许不在」的手机号「+86 139 9999 0000」和邮箱「nobody@example.edu.cn」（不在本企业，或不在应用的可用范围内）');
    expect(lines).toContain('  第 5 行：飞书通讯录中找不到「范范围」的手机号「13911112222」（不在本企业，或不在应用的可用范围内）');
    expect(lines.find((l) => l.startsWith('  第 6 行：'))).toContain('手机号「0917-5521234」不是手机号码');
    expect(lines).toContain('  第 7 行：缺少 open_id、手机号（mobile）和邮箱（email），至少填写一项');
    expect(run.stderr).toContain('有 2 人在飞书通讯录中找不到');
    expect(run.stderr).toContain('开发者后台 › 应用发布 › 版本管理与发布 › 创建版本 › 可用范围');
    // The two rows Lark resolved are not imported either.
    expect((await storedPeople()).map((p) => p.openId)).toEqual([p01!.openId, t1!.openId, t2!.openId]);
  });

  it('in sandbox mode asks the sandbox on PORT, 50 mobiles and 50 emails a call, waiting out a 429', async () => {
    // 60 teachers by mobile and 55 by email, beyond the demo: two calls, after one refused at Lark's gateway limit.
    const teachers = Array.from({ length: 115 }, (_, i) => ({ openId: `ou_bulk_${i}`, mobile: `1371111${String(i).padStart(4, '0')}`, email: `bulk${i}@example.edu.cn` }));
    state.addUsers(teachers.map((t) => ({ open_id: t.openId, mobile: t.mobile, email: t.email, in_scope: true })));
    state.faults.push({ match: { api: 'contact' }, times: 1, respond: { status: 429, resetSeconds: 0.05 } });
    state.contactRequests.length = 0;
    const rows = teachers.map((t, i) => row(`批量教师${i}`, '老师', i < 60 ? t.mobile : '', i < 60 ? '' : t.email));
    const run = await importAs('sandbox mode', await write('bulk.csv', csvOf(rows)));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('已导入 115 行：1 个镇街，1 所学校；人员 新增 115，更新 0，未变 0，停用 0');
    expect(state.contactRequests).toEqual([
      { mobiles: 50, emails: 50 },
      { mobiles: 10, emails: 5 },
    ]);
    expect(state.faults[0]!.times).toBe(0);
  });

  it('refuses the file, saying why, without a reachable sandbox or without the contact permission', async () => {
    const file = await write('one.csv', csvOf([row(t5!.name, '老师', t5!.mobile, '')]));
    const none = await importAs('no sandbox', file);
    expect(none.code, none.stderr).toBe(1);
    expect(none.stderr).toContain(`${file}：未导入任何内容：1 行用手机号或邮箱标识人员`);
    expect(none.stderr).toContain('http://127.0.0.1:1 上也没有运行中的沙箱');

    state.faults.push({ match: { api: 'contact' }, times: 1, respond: { status: 400, code: 99991672, msg: 'Access denied. One of the following scopes is required: [contact:user.id:readonly]' } });
    const denied = await importAs('app', file);
    expect(denied.code, denied.stderr).toBe(1);
    expect(denied.stderr).toContain('应用没有“通过手机号或邮箱获取用户 ID”的权限（contact:user.id:readonly）：请在开发者后台 › 开发配置 › 权限管理 中开通');
  });
});
