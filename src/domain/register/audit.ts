import type { Db } from '../../db/database.js';
import type { Person } from '../../db/queries/people.js';
import { insertAuditEntries, type AuditEntry } from '../../db/queries/students.js';

/** What was done, as the audit log names it. */
export type AuditAction =
  | 'read_student'
  | 'record_visit'
  | 'alert_change'
  | 'notify_alert'
  | 'import_students'
  | 'purge'
  | 'read_audit'
  | 'assign_mentor'
  | 'daily_check'
  | 'dropout_change'
  | 'aid_check'
  | 'notify_aid'
  | 'read_aid'
  | 'verify_aid'
  | 'export_students'
  // 月督查: scores, corrections and the school's rectifications (no student; the detail says which school and sub-item).
  | 'inspection_score'
  | 'inspection_correction'
  | 'inspection_rectification'
  | 'inspection_photo'
  // 审核: the bureau accepted or returned a school's evidence (the detail names the upload, and the reason of a return).
  | 'evidence_review'
  // 查看: someone was sent an upload's file 1:1 (the detail names the upload).
  | 'evidence_view'
  // A group chat bound to a school or the bureau, and a chat member added as a teacher (no student; the detail says which).
  | 'bind_chat'
  | 'add_teacher';

/** Where it was done: the chat a message came from, or a card click, or the CLI. */
export type AuditOrigin = { channel: 'chat' | 'card'; chatId: string | null } | { channel: 'cli' };

/** One row per act on a child's data, in the caller's transaction, so an act and its audit land together. */
export async function audit(
  db: Db,
  at: Date,
  who: Pick<Person, 'id' | 'role'> | 'cli',
  origin: AuditOrigin,
  acts: { action: AuditAction; studentId: number | null; detail?: string }[],
): Promise<void> {
  const entries: AuditEntry[] = acts.map((act) => ({
    at,
    personId: who === 'cli' ? null : who.id,
    role: who === 'cli' ? 'cli' : who.role,
    action: act.action,
    studentId: act.studentId,
    channel: origin.channel,
    chatId: origin.channel === 'cli' ? null : origin.chatId,
    detail: act.detail ?? null,
  }));
  await insertAuditEntries(db, entries);
}
