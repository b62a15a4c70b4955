import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { listCampaigns } from '../../src/db/queries/campaigns.js';
import { cliOverFreshDatabase, type CliOverDatabase } from '../helpers/run-cli.js';

/** The admin's campaign, calendar, status and outbox commands, as real child processes. */


let tmp: string;
let admin: CliOverDatabase | undefined;

const cli = (...args: string[]) => admin!.cli(...args);
const withDb = <T>(fn: (db: Db) => Promise<T>) => admin!.withDb(fn);

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ducha-admin-'));
  admin = await cliOverFreshDatabase(tmp);
});

afterAll(async () => {
  await admin?.close();
  await rm(tmp, { recursive: true, force: true });
});

// Each command is its own process that opens the database: on PGlite every run pays for
// opening the embedded database (seconds), so these run on Postgres; the CLI on PGlite is
// covered by cli.test.ts, and the same verbs run on PGlite in-process elsewhere.
describe.runIf(process.env.DATABASE_URL)('npm run cli -- campaigns', () => {
  it('lists the default campaigns and loads an edited file, adding a campaign with every field type', async () => {
    const list = await cli('campaigns', 'list');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('monthly-monitoring\t常态化动态预警监测\tteachers\tmonthly\t启用\n');
    expect(list.stdout.trim().split('\n').map((l) => l.split('\t')[0])).toEqual([
      'monthly-monitoring',
      'principal-monthly-plan',
      'semester-plan',
      'half-year-summary',
      'annual-report',
    ]);

    const show = await cli('campaigns', 'show');
    const file = JSON.parse(show.stdout) as { campaigns: Record<string, any>[] };
    file.campaigns[0]!.due.day = 20;
    file.campaigns.push({
      code: 'aid-check',
      title: '精准资助大排查',
      audience: 'teachers',
      cadence: 'once',
      period: '2027-spring',
      opens: { at: '2027-03-08T09:00:00+08:00' },
      due: { at: '2027-04-09T18:00:00+08:00' },
      form: {
        fields: [
          { name: 'households_visited', label: '走访受助家庭', type: 'count' },
          { name: 'aid_arrived', label: '资助已到位', type: 'yes-no', required: true },
          { name: 'mismatch', label: '资助不符情况', type: 'choice', options: ['无', '有，已上报'] },
          { name: 'visited_on', label: '走访日期', type: 'date' },
        ],
      },
    });
    await writeFile(join(tmp, 'edited.json'), JSON.stringify(file));
    const load = await cli('campaigns', 'load', join(tmp, 'edited.json'));
    expect(load.code, load.stderr).toBe(0);
    expect(load.stdout.trim()).toBe('已载入 6 个填报事项：monthly-monitoring, principal-monthly-plan, semester-plan, half-year-summary, annual-report, aid-check');

    const stored = await withDb(listCampaigns);
    const monthly = stored.find((c) => c.code === 'monthly-monitoring')!.definition;
    expect(monthly.cadence === 'monthly' && monthly.due.day).toBe(20);
    expect(stored.find((c) => c.code === 'aid-check')?.definition.form.fields.map((f) => f.type)).toEqual(['count', 'yes-no', 'choice', 'date']);
  });

  it('refuses a bad file, naming the JSON path of each bad value, and changes nothing', async () => {
    const before = await withDb(listCampaigns);
    const bad = { campaigns: before.map((c) => structuredClone(c.definition)) as Record<string, any>[] };
    bad.campaigns[0]!.due.day = 32;
    bad.campaigns[1]!.audience = 'parents';
    bad.campaigns[2]!.form.fields = [];
    await writeFile(join(tmp, 'bad.json'), JSON.stringify(bad));
    const load = await cli('campaigns', 'load', join(tmp, 'bad.json'));
    expect(load.code).toBe(1);
    expect(load.stdout).toBe('');
    expect(load.stderr).toContain(`${join(tmp, 'bad.json')}：未做任何改动，共 3 处问题：`);
    for (const path of ['campaigns[0].due.day', 'campaigns[1].audience', 'campaigns[2].form.fields']) expect(load.stderr).toContain(path);
    expect(await withDb(listCampaigns)).toEqual(before);
  });
});

describe.runIf(process.env.DATABASE_URL)('npm run cli -- calendar, status, outbox', () => {
  it('adds a holiday the listing then shows, and refuses a date that does not exist', async () => {
    const add = await cli('calendar', 'add-holiday', '2026-11-20', '县运动会');
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout.trim()).toBe('已把 2026-11-20 设为放假');
    const list = await cli('calendar', 'list', '--year', '2026');
    expect(list.stdout).toContain('2026-11-20 周五 放假 县运动会');
    expect(list.stdout).toContain('2026-10-10 周六 上班');
    const bad = await cli('calendar', 'add-holiday', '2026-02-30');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('日期不存在');
  });

  it('shows the next openings in local time, and as JSON with --json', async () => {
    const status = await cli('status', '--at', '2026-11-18T10:00:00+08:00');
    expect(status.code, status.stderr).toBe(0);
    // The monthly due day was changed to the 20th above; 2026-12-01 is a Tuesday.
    expect(status.stdout).toMatch(/^2026-12-01 09:00 +monthly-monitoring +开始填报 2026-12（截止 2026-12-21 18:00）$/m);

    // The same events for a script: one JSON document, instants with the local offset.
    const json = await cli('status', '--at', '2026-11-18T10:00:00+08:00', '--json');
    expect(json.code, json.stderr).toBe(0);
    type Event = { at: string; campaign: string; kind: string; period: string; dueAt?: string; step?: string; to?: string };
    const doc = JSON.parse(json.stdout) as { at: string; timezone: string; events: Event[] };
    expect(doc.at).toBe('2026-11-18T10:00:00+08:00');
    expect(doc.timezone).toBe('Asia/Shanghai');
    expect(doc.events).toHaveLength(status.stdout.trim().split('\n').length);
    expect(doc.events).toContainEqual({ at: '2026-12-01T09:00:00+08:00', campaign: 'monthly-monitoring', kind: 'opens', period: '2026-12', dueAt: '2026-12-21T18:00:00+08:00' });
    expect(doc.events).toContainEqual({ at: '2027-03-08T09:00:00+08:00', campaign: 'aid-check', kind: 'opens', period: '2027-spring', dueAt: '2027-04-09T18:00:00+08:00' });
    expect(doc.events.map((e) => e.at)).toEqual(doc.events.map((e) => e.at).sort());
  });

  it('reports the outbox and refuses to re-queue a row that is not a dead letter', async () => {
    const outbox = await cli('outbox');
    expect(outbox.code, outbox.stderr).toBe(0);
    expect(outbox.stdout).toContain('待发送 0  发送中 0  已发送 0  死信 0');
    expect(outbox.stdout).toContain('没有待发送的消息');
    const retry = await cli('outbox', 'retry', '999');
    expect(retry.code).toBe(1);
    expect(retry.stderr.trim()).toBe('第 999 条不是死信，未做任何改动');
  });
});
