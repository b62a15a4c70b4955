import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDucha, type TestDucha } from '../helpers/test-ducha.js';

// The console's server side without a browser: what its page and fragments say, what bad input
// gets, and the live stream. The browser drives it in test/browser/console.test.ts.

const TEACHER = 'ou_demo_t0301';
const SCHOOL_CHAT = 'oc_demo_school_03';

describe('the sandbox console’s routes', () => {
  let ducha: TestDucha;
  beforeAll(async () => {
    ducha = await startTestDucha({ now: '2026-12-01T08:00:00+08:00', roster: 'demo' });
  });
  // The last test stops the server itself.

  const get = (path: string) => fetch(ducha.url + path);
  const jump = (body: unknown) => fetch(`${ducha.url}/sandbox/console/jump`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('serves the page at / with every chat and everyone to act as', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('教育局工作群');
    expect(html).toContain('横渠镇中心小学(示例) 工作群');
    expect(html).toContain(`data-act-as="${TEACHER}"`);
    expect(html).toContain(`data-chat-id="oc_p2p_${TEACHER}"`);
  });

  it('narrows the chat list on the server to what matches every word searched', async () => {
    const list = async (q: string) => [...(await (await get(`/sandbox/console/chats?q=${encodeURIComponent(q)}`)).text()).matchAll(/data-chat-id="([^"]+)"/g)].map((m) => m[1]);
    expect(await list('')).toHaveLength(16 + 1 + 113);
    expect(await list('横渠镇中心小学 校长')).toEqual(['oc_p2p_ou_demo_p03']);
    expect(await list('教育局工作群')).toEqual(['oc_demo_bureau']);
    expect(await list('火星')).toEqual([]);
  });

  it('lists the month’s milestones to jump to, in order', async () => {
    const side = await (await get('/sandbox/console/side')).text();
    const labels = [...side.matchAll(/data-jump="([^"]+)"><span>([^<]+)<\/span>/g)].map((m) => `${m[2]} ${m[1]}`);
    expect(labels).toEqual([
      '12月开放填报 2026-12-01T09:00',
      '截止前 3 天提醒 2026-12-22T09:00',
      '截止当天提醒 2026-12-25T09:00',
      '12月截止 2026-12-25T18:00',
      '逾期通报 2026-12-30T09:00',
      '2026 Q4 季通报 2027-01-04T09:00',
    ]);
  });

  it('refuses a jump to something that is not a wall-clock time, and leaves the clock', async () => {
    for (const at of ['tomorrow', '2026-13-01T09:00', '2026-02-30T09:00', 42]) {
      const response = await jump({ at });
      expect(response.status, String(at)).toBe(400);
      expect(((await response.json()) as { error: string }).error).toContain('wall-clock time');
    }
    expect(ducha.deps.clock.now().toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('answers 404 for a chat that does not exist and for any script the build did not make', async () => {
    expect((await get('/sandbox/console/chats/oc_nowhere')).status).toBe(404);
    for (const path of ['/sandbox/console/..%2Fentry%2Fnode.mjs', '/sandbox/console/app.css', '/sandbox/console/resources/om_x/img_y']) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it('jumps, runs the scheduler, and streams each message the bot sends as it lands', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${ducha.url}/sandbox/console/stream`, { signal: controller.signal });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    let seen = '';
    const heard = (text: string) => seen.includes(text);
    const read = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        seen += new TextDecoder().decode(value);
      }
    })().catch(() => undefined);

    const jumped = await jump({ at: '2026-12-01T09:00' });
    expect(jumped.status).toBe(200);
    const body = (await jumped.json()) as { now: string; message: string };
    expect(body.now).toBe('2026-12-01T01:00:00.000Z');
    expect(body.message).toMatch(/^时钟已跳到 2026-12-01 周二 09:00；调度完成，发出 \d+ 条消息$/);
    await expect.poll(() => heard('"kind":"clock"') && heard(`"kind":"added","chat_id":"${SCHOOL_CHAT}"`)).toBe(true);

    // The chat as the console draws it: the prompt card, from the bot.
    const chat = await (await get(`/sandbox/console/chats/${SCHOOL_CHAT}?as=${TEACHER}`)).text();
    expect(chat).toContain('class="msg msg--bot"');
    expect(chat).toContain('class="lk-card"');
    controller.abort();
    await read;
  });

  it('ends its streams when the server stops, so an open console does not hold the server up', async () => {
    const lingering = await fetch(`${ducha.url}/sandbox/console/stream`);
    const ended = lingering.text();
    await ducha.close();
    await expect(ended).resolves.toContain('event: hello');
  });
});
