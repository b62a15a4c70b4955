import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findActivePersonByOpenId, type Person } from '../../src/db/queries/people.js';
import { auditLog, evidence, outbox, people } from '../../src/db/schema/index.js';
import { buildDemoCounty } from '../../src/domain/roster/demo-county.js';
import { importRoster } from '../../src/domain/roster/import-roster.js';
import { reviewEvidence } from '../../src/domain/evidence/review-evidence.js';
import { DomainError } from '../../src/errors.js';
import { evidenceReviewPresenter } from '../../src/lark/cards/evidence-review-card.js';
import { insertReviewedEvidence } from '../fixtures/evidence-rows.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { sleep } from '../helpers/until.js';

const NOW = new Date('2026-12-03T10:00:00+08:00');

// Two connections deciding the same upload at once: only Postgres has them (PGlite is one connection,
// and the end-to-end test covers two clicks there).
describe.runIf(process.env.DATABASE_URL)('two reviewers deciding one upload at the same moment, on two connections', () => {
  let database: TestDatabase;
  let first: Person;
  let second: Person;
  let id: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    await importRoster(db, NOW, buildDemoCounty());
    first = (await findActivePersonByOpenId(db, 'ou_demo_b1'))!;
    second = (await findActivePersonByOpenId(db, 'ou_demo_b2'))!;
    const [teacher] = await db.select().from(people).where(eq(people.openId, 'ou_demo_t0101'));
    await insertReviewedEvidence(db, { schoolId: teacher!.schoolId!, uploadedById: teacher!.id, period: '2026-12', at: NOW, items: [{ code: '1.1', review: 'pending' }] });
    [{ id }] = (await db.select({ id: evidence.id }).from(evidence)) as [{ id: number }];
  });
  afterAll(() => database?.close());

  it('the second waits on the first’s row lock, then is refused naming who decided; one audit row, no notice', async () => {
    const common = { evidenceId: id, origin: { channel: 'cli' as const }, timezone: 'Asia/Shanghai', present: evidenceReviewPresenter };
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let decided!: () => void;
    const firstDecided = new Promise<void>((resolve) => (decided = resolve));
    // The first reviewer's transaction decides, then stays open.
    const a = database.db.transaction(async (tx) => {
      await reviewEvidence(tx, NOW, { ...common, reviewer: first, decision: 'accepted' });
      decided();
      await held;
    });
    await firstDecided;
    let settled = false;
    const b = reviewEvidence(database.db, NOW, { ...common, reviewer: second, decision: 'rejected', note: '不清楚' }).then(
      () => 'decided' as const,
      (error: unknown) => error,
    );
    void b.finally(() => (settled = true));
    await sleep(300);
    expect(settled).toBe(false);
    release();
    await a;
    const outcome = await b;
    expect(outcome).toBeInstanceOf(DomainError);
    expect((outcome as DomainError).code).toBe('already_reviewed');
    expect((outcome as DomainError).userMessage).toContain(`已由${first.name}于 2026-12-03 10:00 审核（已通过）`);

    const [row] = await database.db.select().from(evidence).where(eq(evidence.id, id));
    expect(row).toMatchObject({ review: 'accepted', reviewedById: first.id, reviewNote: null });
    expect((await database.db.select().from(auditLog).where(eq(auditLog.action, 'evidence_review')).orderBy(asc(auditLog.id))).map((r) => r.personId)).toEqual([first.id]);
    expect(await database.db.select().from(outbox).where(eq(outbox.kind, 'evidence-rejected'))).toEqual([]);
  });
});
