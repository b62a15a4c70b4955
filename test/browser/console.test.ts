import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawnPixels, failOnPageErrors, launchChromium, screenshotFolder } from '../helpers/console-browser.js';
import { startDuchaProcess, type DuchaProcess } from '../helpers/ducha-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

// The sandbox console in a real browser, over `npm start` on the demo county: December's loop as
// the people in it would see it. The steps build on each other; screenshots of each land in
// test-results/console/.

const SCHOOL_CHAT = 'oc_demo_school_03';
const PRINCIPAL_CHAT = 'oc_p2p_ou_demo_p03';
const BUREAU_CHAT = 'oc_demo_bureau';
/** A jump runs the scheduler and delivers what it sent; the page then hears of it over the stream. */
const poll = <T,>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });

describe('the sandbox console in a browser', () => {
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  let ducha: DuchaProcess;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  const shots = screenshotFolder('console');
  const shot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`) });
  const messages = () => page.locator('#messages article.msg');
  const openChat = async (chatId: string) => {
    await page.locator(`.chats__item[data-chat-id="${chatId}"]`).click();
    await poll(() => page.locator(`.chat[data-chat-id="${chatId}"]`).count()).toBe(1);
  };
  const say = async (text: string) => {
    await page.locator('#composer-text').fill(text);
    await page.locator('#composer-text').press('Enter');
  };

  beforeAll(async () => {
    const env: Record<string, string> = { PORT: '0', DUCHA_CRON: 'off', DUCHA_SANDBOX_CLOCK: '2026-11-30T20:00:00+08:00' };
    if (process.env.DATABASE_URL) {
      database = await createTestDatabase();
      env.DATABASE_URL = database.url!;
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'ducha-console-'));
      env.DUCHA_DATA_DIR = join(dataDir, 'pglite');
    }
    [ducha, browser] = await Promise.all([startDuchaProcess(env, { bundle: true }), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    pageErrors = failOnPageErrors(page);
    await page.goto(ducha.url);
  });
  afterAll(async () => {
    await browser?.close();
    ducha?.child.kill('SIGTERM');
    await ducha?.exited;
    await database?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists every chat of the demo county and a person to act as', async () => {
    await poll(() => page.locator('.chats__item').count()).toBeGreaterThan(16 + 1 + 16);
    await poll(() => page.locator('body.is-live').count()).toBe(1);
    await shot('01-console');
  });

  it('jumps the clock to the opening, and the prompts arrive in every school chat', async () => {
    await page.locator('.milestones button', { hasText: '开放填报' }).click();
    await poll(() => page.locator('.toast', { hasText: '调度完成' }).count()).toBe(1);
    await poll(() => page.locator('#topbar-clock').textContent()).toContain('2026-12-01');
    await openChat(SCHOOL_CHAT);
    await poll(() => messages().count()).toBe(1);
    await poll(() => page.locator('#messages .lk-card form.lk-form').count()).toBe(1);
    await shot('02-prompt');
  });

  it('takes a teacher’s answer typed in the group, and shows the receipt under it', async () => {
    await poll(() => page.locator('#actor-name').textContent()).toContain('教师');
    await say('走访5户 电话3户 新增预警1人');
    const thread = page.locator('.thread', { has: page.locator('.msg__text', { hasText: '走访5户' }) });
    await poll(() => thread.locator('.thread__replies .msg--bot').count()).toBe(1);
    expect(await thread.locator('.thread__replies').textContent()).toContain('已收到');
    await shot('03-text-answer');
  });

  it('takes another teacher’s answer by the prompt card’s form', async () => {
    await page.locator('#actor').click();
    const teacher = page.locator('#people [data-act-as^="ou_demo_t03"]').nth(1);
    const name = (await teacher.locator('.people__name').textContent())!;
    await teacher.click();
    await poll(() => page.locator('#actor-name').textContent()).toContain(name);
    const form = page.locator('#messages .lk-card form.lk-form').first();
    for (const input of await form.locator('input[type="text"], input:not([type]), textarea').all()) {
      const field = await input.getAttribute('name');
      await input.fill(field === 'note' ? '' : '2');
    }
    await form.locator('button[type="submit"]').click();
    await poll(() => page.locator('.toast', { hasText: '已收到填报' }).count()).toBe(1);
    await shot('04-form-answer');
    // The receipt goes to her 1:1 chat with the bot, with the numbers she entered.
    const openId = (await teacher.getAttribute('data-act-as'))!;
    await openChat(`oc_p2p_${openId}`);
    await poll(async () => (await page.locator('#messages').textContent()) ?? '').toMatch(/已收到.*走访户数 2/s);
    await shot('05-form-receipt');
  });

  it('lets the principal press the nudge on the T-3 reminder, which names the missing teachers in the group', async () => {
    await page.locator('.milestones button', { hasText: '截止前 3 天' }).click();
    await poll(() => page.locator('.toast', { hasText: '2026-12-22' }).count()).toBe(1);
    await openChat(PRINCIPAL_CHAT);
    const nudge = page.locator('#messages button[data-callback]', { hasText: '在学校群提醒他们' });
    await poll(() => nudge.count()).toBe(1);
    await nudge.click();
    await poll(() => page.locator('.toast', { hasText: '已在学校群提醒' }).count()).toBe(1);
    await shot('06-nudge');
    await openChat(SCHOOL_CHAT);
    await poll(() => page.locator('#messages .mention').count()).toBeGreaterThan(0);
    await shot('07-nudge-in-group');
  });

  it('sends a file as the principal, shown as Lark shows one, and threads the bot’s answer under it', async () => {
    await openChat(PRINCIPAL_CHAT);
    await page.locator('#attach').setInputFiles({ name: '家访记录.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n家访记录') });
    const thread = page.locator('.thread', { has: page.locator('.msg--mine .msg__file', { hasText: '家访记录.pdf' }) });
    await poll(() => thread.locator('.thread__replies .msg--bot').count()).toBe(1);
    // Its chip says what kind of file it is and downloads what she sent.
    const chip = thread.locator('.msg--mine .msg__file');
    expect(await chip.locator('.msg__file-icon').textContent()).toBe('PDF');
    const download = await fetch(ducha.url + (await chip.getAttribute('href'))!);
    expect(await download.text()).toBe('%PDF-1.7\n家访记录');
    await shot('08-file');
  });

  it('presses the bot menu’s 进度 as the principal, in the 1:1 chat only', async () => {
    await poll(() => page.locator('#bot-menu').isVisible()).toBe(true);
    const before = await messages().count();
    await page.locator('#bot-menu [data-menu="progress"]').click();
    await poll(() => messages().count()).toBe(before + 1);
    expect(await messages().last().locator('.msg__name').textContent()).toBe('督查助手');
    expect(await messages().last().textContent()).toContain('横渠镇中心小学');
    await openChat(SCHOOL_CHAT);
    expect(await page.locator('#bot-menu').isVisible()).toBe(false);
  });

  it('answers an officer’s 汇总 in the bureau chat with a chart drawn by VChart', async () => {
    await openChat(BUREAU_CHAT);
    await poll(() => page.locator('#actor-name').textContent()).toContain('教体局');
    await say('汇总');
    const canvas = '#messages .lk-chart canvas';
    await poll(() => page.locator(canvas).count()).toBeGreaterThan(0);
    await poll(() => drawnPixels(page, canvas)).toBeGreaterThan(2000);
    await page.locator('#messages .lk-chart').first().scrollIntoViewIfNeeded();
    await shot('09-summary-chart');
  });

  it('shows the deadline morning’s reminders as they arrive, without a reload', async () => {
    await openChat(PRINCIPAL_CHAT);
    const deadlineMorning = await page.locator('.milestones button', { hasText: '截止当天' }).getAttribute('data-jump');
    expect(deadlineMorning).toBe('2026-12-25T09:00');
    const before = await messages().count();
    await page.evaluate(() => ((globalThis as unknown as { stayed: boolean }).stayed = true));
    // The clock moves from outside the page (as another person's console would): only the live stream can tell it.
    const jumped = await fetch(`${ducha.url}/sandbox/console/jump`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ at: deadlineMorning }) });
    expect(jumped.status).toBe(200);
    await poll(() => messages().count()).toBeGreaterThan(before);
    expect(await page.evaluate(() => (globalThis as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await poll(() => page.locator('#topbar-clock').textContent()).toContain('2026-12-25');
    await shot('10-deadline-live');
    expect(pageErrors).toEqual([]);
  });

  it('lets the admin make a group with the bot in it, bind it to a school, and take the bot out again', async () => {
    await page.locator('#actor').click();
    await page.locator('#people [data-act-as="ou_demo_a1"]').click();
    await page.locator('.new-group summary').click();
    await page.locator('#new-group input[name="name"]').fill('槐芽镇中心小学新群');
    await page.locator('#new-group button[type="submit"]').click();
    // Lark's 机器人进群: the bot asks in the new group whose chat it is; the admin picks from every school.
    await poll(() => page.locator('.chat__header h2').textContent()).toBe('槐芽镇中心小学新群');
    const form = page.locator('#messages .lk-card form.lk-form');
    await poll(() => form.count()).toBe(1);
    await form.locator('select[name="place"]').selectOption({ label: '槐芽镇 槐芽镇中心小学(示例)' });
    await form.locator('button[type="submit"]').click();
    await poll(async () => (await page.locator('#messages').textContent()) ?? '').toContain('本群已绑定为「槐芽镇 槐芽镇中心小学(示例)」的群');
    await poll(() => page.locator('.chat__header h2').textContent()).toBe('槐芽镇中心小学(示例) 工作群');
    await shot('12-bound-group');
    // Taken out: the admin is told 1:1.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('.chat__remove-bot').click();
    await openChat('oc_p2p_ou_demo_a1');
    await poll(async () => (await page.locator('#messages').textContent()) ?? '').toContain('督查助手被');
  });

  it('fits a phone: one pane at a time, the chat opening full width', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    const errors = failOnPageErrors(phone);
    await phone.goto(`${ducha.url}/`);
    expect(await phone.locator('.pane--chat').isVisible()).toBe(false);
    await phone.locator(`.chats__item[data-chat-id="${SCHOOL_CHAT}"]`).click();
    await poll(() => phone.locator('.pane--chat').isVisible()).toBe(true);
    expect(await phone.locator('.pane--chats').isVisible()).toBe(false);
    const width = await phone.locator('#messages .lk-card').first().evaluate((card) => card.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: join(shots, '11-phone.png') });
    expect(errors).toEqual([]);
    await phone.close();
  });
});
