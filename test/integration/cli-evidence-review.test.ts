import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, evidence, outbox, people } from '../../src/db/schema/index.js';
import { insertReviewedEvidence } from '../fixtures/evidence-rows.js';
import { cliOverFreshDatabase, type CliOverDatabase } from '../helpers/run-cli.js';

/** `npm run cli -- evidence review …`: the chat's 审核 as a child process, over the same verb. */
describe('npm run cli -- evidence review', () => {
  let tmp: string;
  let admin: CliOverDatabase;
  /** Two uploads of school 01 waiting: 1.1 and 2.2 of the example framework. */
  let ids: number[];

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'ducha-cli-review-'));
    admin = await cliOverFreshDatabase(tmp);
    const seeded = await admin.cli('seed-demo');
    expect(seeded.code, seeded.stderr).toBe(0);
    ids = await admin.withDb(async (db) => {
      const [principal] = await db.select().from(people).where(eq(people.openId, 'ou_demo_p01'));
      const items = [{ code: '1.1', review: 'pending' as const }, { code: '2.2', review: 'pending' as const }];
      await insertReviewedEvidence(db, { schoolId: principal!.schoolId!, uploadedById: principal!.id, period: '2026-12', at: new Date('2026-12-02T10:00:00+08:00'), items });
      return (await db.select({ id: evidence.id }).from(evidence).orderBy(asc(evidence.id))).map((r) => r.id);
    });
  }, 120_000);
  afterAll(async () => {
    await admin?.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it('accepts as a bureau officer, refuses a teacher, a return without a reason and a bad call', async () => {
    const [accept, reject] = ids;
    const teacher = await admin.cli('evidence', 'review', String(accept), 'accept', '--as', 'ou_demo_t0101');
    expect(teacher.code).toBe(1);
    expect(teacher.stderr).toContain('只由教体局工作人员和管理员审核');
    expect((await admin.cli('evidence', 'review', String(accept), 'approve', '--as', 'ou_demo_b1')).code).toBe(2);
    expect((await admin.cli('evidence', 'review', String(accept), 'accept')).code).toBe(2);

    const done = await admin.cli('evidence', 'review', String(accept), 'accept', '--as', 'ou_demo_b1');
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toBe(`资料 #${accept}：已通过。\n`);
    const noNote = await admin.cli('evidence', 'review', String(reject), 'reject', '--as', 'ou_demo_a1');
    expect(noNote.code).toBe(1);
    expect(noNote.stderr).toContain('退回须写明理由');

    const returned = await admin.cli('evidence', 'review', String(reject), 'reject', '--note', '照片模糊，看不清签字', '--as', 'ou_demo_a1');
    expect(returned.code, returned.stderr).toBe(0);
    const again = await admin.cli('evidence', 'review', String(reject), 'accept', '--as', 'ou_demo_b1');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/已由.+审核（已退回）/);

    await admin.withDb(async (db) => {
      const rows = await db.select().from(evidence).orderBy(asc(evidence.id));
      expect(rows.map((r) => [r.review, r.reviewNote])).toEqual([
        ['accepted', null],
        ['rejected', '照片模糊，看不清签字'],
      ]);
      const audited = await db.select().from(auditLog).where(eq(auditLog.action, 'evidence_review')).orderBy(asc(auditLog.id));
      expect(audited.map((a) => [a.role, a.channel, a.chatId])).toEqual([
        ['bureau', 'cli', null],
        ['admin', 'cli', null],
      ]);
      // The uploader's notice waits in the outbox for the server to send, 1:1.
      const queued = await db.select().from(outbox).where(and(eq(outbox.kind, 'evidence-rejected')));
      expect(queued).toHaveLength(1);
      expect(queued[0]).toMatchObject({ receiveIdType: 'open_id', receiveId: 'ou_demo_p01', msgType: 'text', status: 'pending' });
      expect(queued[0]!.content).toContain('照片模糊，看不清签字');
      // Never at night, at the midday rest or on a holiday: the sending window's next opening (or now, inside it).
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(queued[0]!.notBefore);
      expect(local >= '08:00' && local <= '18:00' && !(local > '12:00' && local < '14:30')).toBe(true);
    });
  }, 180_000);
});
