import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDuchaProcess, type DuchaProcess } from '../helpers/ducha-process.js';
import { ROOT } from '../helpers/repo-root.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

type Message = { sender: { type: string }; message_id: string; chat_id: string; chat_type: string; msg_type: string; text: string; parent_id: string | null; receive_id: string | null };

/** The README's sandbox walkthrough: the shell block that moves the sandbox clock, exactly as written. */
function walkthroughScript(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const walkthrough = blocks.find((b) => b.includes('/sandbox/clock'));
  if (!walkthrough) throw new Error('README has no sandbox walkthrough block');
  return walkthrough;
}

describe('the README walkthrough, run as written', () => {
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  let ducha: DuchaProcess | undefined;
  afterAll(async () => {
    ducha?.child.kill('SIGTERM');
    await ducha?.exited;
    await database?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('does what each step says, on a fresh `DUCHA_CRON=off npm start`', async () => {
    const env: Record<string, string> = { PORT: '0', DUCHA_CRON: 'off' };
    if (process.env.DATABASE_URL) {
      database = await createTestDatabase();
      env.DATABASE_URL = database.url!;
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'ducha-readme-'));
      env.DUCHA_DATA_DIR = join(dataDir, 'pglite');
    }
    ducha = await startDuchaProcess(env, { bundle: true });
    // The block is run by bash as a reader would paste it, against this server instead of :8787.
    const script = walkthroughScript().replace(/^U=.*$/m, `U=${ducha.url}`);
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);

    const { messages } = (await (await fetch(`${ducha.url}/sandbox/messages?all=1`)).json()) as { messages: Message[] };
    const user = (text: string) => messages.find((m) => m.text.includes(text) && m.parent_id === null && m.sender.type === 'user');
    const replyTo = (text: string) => {
      const said = user(text);
      expect(said, text).toBeDefined();
      return messages.filter((m) => m.parent_id === said!.message_id);
    };

    // 1. One prompt card per school chat.
    const prompts = messages.filter((m) => m.msg_type === 'interactive' && m.chat_id.startsWith('oc_demo_school_') && m.text.includes('常态化动态预警监测'));
    expect(new Set(prompts.map((m) => m.chat_id)).size).toBe(16);
    // 2. The receipt, in her school chat.
    const [receipt] = replyTo('入户走访5户，电话随访3户，新增预警学生1名');
    expect(receipt).toMatchObject({ chat_id: 'oc_demo_school_01' });
    expect(receipt!.text).toContain('已收到');
    expect(receipt!.text).toContain('走访户数 5，电话随访户数 3，新增预警人数 1');
    // 3. The correction changes only what it names, and says what changed; 我的 shows what is stored.
    const [correction] = replyTo('走訪六戶 電話兩戶');
    expect(correction!.text).toContain('走访户数 5→6');
    expect(correction!.text).toContain('电话随访户数 3→2');
    expect(correction!.text).toContain('新增预警人数 1');
    expect(correction!.text).not.toContain('新增预警人数 1→0');
    const [mine] = replyTo('我的');
    expect(mine!.text).toContain('走访户数 6，电话随访户数 2，新增预警人数 1');
    // 4. The visit: the school chat reads only the masked name; the principal gets the detail 1:1.
    const [visit] = replyTo('家访 蒋小鹿 入户');
    expect(visit).toMatchObject({ chat_id: 'oc_demo_school_01', text: '已记录 蒋*鹿 的家访（入户）。' });
    expect(messages.find((m) => m.receive_id === 'ou_demo_p01' && m.text.includes('学生预警提醒'))?.text).toContain('连续两天未到校');
    const [record] = replyTo('学生 蒋小鹿');
    expect(record!.text).toContain('辍学风险');
    // 5. The principal's 1:1 card names who still owes, with the button.
    const reminder = messages.find((m) => m.receive_id === 'ou_demo_p01' && m.text.includes('提醒他们'));
    expect(reminder).toBeDefined();
    // 6. One message in the school chat @-mentions the teachers who still owe.
    const nudge = messages.filter((m) => m.chat_id === 'oc_demo_school_01' && m.msg_type === 'text' && m.text.includes('<at user_id='));
    expect(nudge).toHaveLength(1);
    // 7. The summary card for 首善街道 shows the answer given there.
    const [summary] = replyTo('汇总 首善街道');
    expect(summary).toMatchObject({ chat_id: 'oc_demo_bureau', msg_type: 'interactive' });
    expect(summary!.text).toContain('首善街道');
    expect(summary!.text).toMatch(/1\s*\/\s*\d+/);
  }, 120_000);
});
