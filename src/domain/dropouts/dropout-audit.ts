import type { Db } from '../../db/database.js';
import type { Person } from '../../db/queries/people.js';
import { insertAuditEntries } from '../../db/queries/students.js';

/**
 * The same rows as register/audit.ts writes (its AuditOrigin, its actions), written here because
 * register's recordVisit calls into this folder: importing back would make a folder cycle.
 */
export type DropoutOrigin = { channel: 'chat' | 'card'; chatId: string | null } | { channel: 'cli' };

export async function auditDropout(
  db: Db,
  at: Date,
  who: Pick<Person, 'id' | 'role'>,
  origin: DropoutOrigin,
  acts: { action: 'dropout_change' | 'read_student'; studentId: number; detail: string }[],
): Promise<void> {
  await insertAuditEntries(
    db,
    acts.map((act) => ({
      at,
      personId: who.id,
      role: who.role,
      action: act.action,
      studentId: act.studentId,
      channel: origin.channel,
      chatId: origin.channel === 'cli' ? null : origin.chatId,
      detail: act.detail,
    })),
  );
}

/** A teacher or the principal of the child's school: who opens cases and moves them. */
export const isStaffOf = (person: Pick<Person, 'role' | 'schoolId'>, schoolId: number) =>
  (person.role === 'teacher' || person.role === 'principal') && person.schoolId === schoolId;
