import { afterAll, describe, expect, it } from 'vitest';
import { importRoster } from '../../src/domain/roster/import-roster.js';
import { buildDemoCounty } from '../../src/domain/roster/demo-county.js';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { startDuchaProcess, type DuchaProcess } from '../helpers/ducha-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { sleep, until } from '../helpers/until.js';

const messagesOf = async (instance: DuchaProcess) =>
  ((await (await fetch(`${instance.url}/sandbox/messages`)).json()) as { messages: SandboxMessage[] }).messages;

const setClock = (instance: DuchaProcess, now: string) =>
  fetch(`${instance.url}/sandbox/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now }) });

// Two processes need a database both can open: PGlite belongs to one process, so this runs on Postgres.
describe.runIf(process.env.DATABASE_URL)('two Node processes with node-cron against one Postgres', () => {
  let database: TestDatabase;
  const instances: DuchaProcess[] = [];
  afterAll(async () => {
    for (const i of instances) i.child.kill('SIGTERM');
    await Promise.all(instances.map((i) => i.exited));
    await database?.close();
  });

  it('open each round, send each reminder and escalation, and each message exactly once between them', async () => {
    database = await createTestDatabase();
    await importRoster(database.db, new Date('2026-11-30T00:00:00Z'), buildDemoCounty());
    const env = {
      DATABASE_URL: database.url!,
      PORT: '0',
      DUCHA_TICK_CRON: '* * * * * *',
      DUCHA_SANDBOX_CLOCK: '2026-12-01T08:59:57+08:00',
    };
    instances.push(...(await Promise.all([startDuchaProcess(env), startDuchaProcess(env)])));
    const all = async () => (await Promise.all(instances.map(messagesOf))).flat();

    // Both tick every second through 09:00: the prompts (16 school chats, 2 cards to each of 16 principals).
    expect(await until(async () => (await all()).length >= 48, 30_000, 250)).toBe(true);
    // Both keep ticking for a few more seconds; nothing more may arrive.
    await sleep(4000);
    const opening = await all();
    expect(opening).toHaveLength(48);
    expect(new Set(opening.map((m) => m.uuid)).size).toBe(48);
    expect(opening.filter((m) => m.chat_type === 'group')).toHaveLength(16);

    // 22 December 09:00: the three-days-before step, once, to the principals of schools still owing.
    await Promise.all(instances.map((i) => setClock(i, '2026-12-22T08:59:58+08:00')));
    const isReminder = (m: SandboxMessage) => m.text.includes('常态化动态预警监测') && m.text.includes('未填报');
    expect(await until(async () => (await all()).filter(isReminder).length >= 16, 30_000, 250)).toBe(true);
    await sleep(4000);
    const reminders = (await all()).filter(isReminder);
    expect(reminders).toHaveLength(16);
    expect(new Set(reminders.map((m) => m.receive_id)).size).toBe(16);

    // 30 December 09:00, three workdays after the deadline: the lagging list, once, to the bureau.
    await Promise.all(instances.map((i) => setClock(i, '2026-12-30T08:59:58+08:00')));
    const isEscalation = (m: SandboxMessage) => m.text.startsWith('【落后提醒】2026-12「常态化动态预警监测」');
    expect(await until(async () => (await all()).some(isEscalation), 30_000, 250)).toBe(true);
    await sleep(4000);
    const escalations = (await all()).filter(isEscalation);
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.chat_id).toBe('oc_demo_bureau');
  }, 150_000);
});
