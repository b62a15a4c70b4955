import type { Db } from '../../db/database.js';
import { enqueueMessages, outboxKey } from '../../db/queries/outbox.js';
import { listPrincipalsOf } from '../../db/queries/students.js';
import { audit, type AuditAction, type AuditOrigin } from './audit.js';

/**
 * A school's principals told 1:1 about one of its children (a new alert, an aid mismatch, a 需关注):
 * one card each, queued for `sendAt` (the sending window's next opening) and keyed by `key` so a
 * retry queues nothing twice. The detail reaches them, so each is audited as a read by them. The
 * person who acted is not told of their own act (a principal who visits). Returns how many were told.
 */
export async function tellPrincipals(
  db: Db,
  now: Date,
  o: {
    schoolId: number;
    actorId: number;
    studentId: number;
    kind: string;
    key: readonly (string | number)[];
    sendAt: Date;
    card: (principal: { name: string }) => Record<string, unknown>;
    origin: AuditOrigin;
    audited: { action: AuditAction; detail: string };
  },
): Promise<number> {
  const principals = (await listPrincipalsOf(db, o.schoolId)).filter((p) => p.id !== o.actorId);
  await enqueueMessages(
    db,
    now,
    principals.map((principal) => ({
      key: outboxKey(o.kind, ...o.key, principal.id),
      kind: o.kind,
      to: { openId: principal.openId },
      msgType: 'interactive' as const,
      content: o.card(principal),
      notBefore: o.sendAt,
    })),
  );
  for (const principal of principals) {
    await audit(db, now, { id: principal.id, role: 'principal' }, o.origin, [{ action: o.audited.action, studentId: o.studentId, detail: o.audited.detail }]);
  }
  return principals.length;
}
