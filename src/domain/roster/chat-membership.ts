import type { Db } from '../../db/database.js';
import { addTeacher, clearBureauChat, findKnownOpenIds, findSchoolPlace, markSchoolBotRemoved, type SchoolPlace } from '../../db/queries/chat-binding.js';
import { findActivePersonByOpenId, listActiveAdmins, listActivePrincipals, type Person } from '../../db/queries/people.js';
import { DomainError } from '../../errors.js';
import { hasMarkup } from '../../model/plain-name.js';
import { chatBindingTexts as t } from '../../texts/chat-binding-texts.js';
import { audit, type AuditOrigin } from '../register/audit.js';
import { placeLabel } from './bind-chat.js';

export type BotRemoval = {
  /** Whose chat it was: a school (now marked; its messages go to its principals 1:1) or the bureau. */
  place: { kind: 'school'; label: string; principals: string[] } | { kind: 'bureau' };
  /** Who removed the bot, when the event says and they are in the roster. */
  removedBy: string | undefined;
  admins: { id: number; openId: string }[];
};

/**
 * The bot was removed from a group: a school's chat is marked (its prompts and reminders go to the
 * principal 1:1 until it is bound again), the bureau's is let go. Undefined for a chat Ducha never bound.
 */
export async function noteBotRemoved(db: Db, now: Date, o: { chatId: string; operatorOpenId: string | undefined }): Promise<BotRemoval | undefined> {
  const [school, remover, admins] = await Promise.all([
    markSchoolBotRemoved(db, o.chatId, now),
    o.operatorOpenId ? findActivePersonByOpenId(db, o.operatorOpenId) : undefined,
    listActiveAdmins(db),
  ]);
  const removedBy = remover?.name;
  if (school) {
    const principals = (await listActivePrincipals(db, school.id)).map((p) => p.name);
    return { place: { kind: 'school', label: placeLabel(school), principals }, removedBy, admins };
  }
  return (await clearBureauChat(db, o.chatId, now)) > 0 ? { place: { kind: 'bureau' }, removedBy, admins } : undefined;
}

/** Members of a school's chat that the roster lacks (by open_id; bots are never listed by Lark). */
export async function membersNotInRoster<M extends { openId: string }>(db: Db, members: readonly M[]): Promise<M[]> {
  const known = await findKnownOpenIds(db, members.map((m) => m.openId));
  return members.filter((m) => !known.has(m.openId));
}

/**
 * 「添加为老师」: an admin adds a member of a school's chat, with the name Lark gives, as a teacher of
 * that school working in its chat. Someone already in the roster is left as they are.
 */
export async function addTeacherFromChat(
  db: Db,
  now: Date,
  o: { admin: Person; schoolId: number; openId: string; name: string; origin: AuditOrigin },
): Promise<{ added: boolean; school: SchoolPlace }> {
  if (o.admin.role !== 'admin') throw new DomainError('not_an_admin', t.onlyAdmins);
  const name = o.name.trim();
  if (name === '' || hasMarkup(name)) throw new DomainError('name_with_markup', t.nameWithMarkup);
  const school = await findSchoolPlace(db, o.schoolId);
  if (!school) throw new DomainError('unknown_place', t.unknownSchool);
  const added = await addTeacher(db, { openId: o.openId, name, schoolId: school.id, chatId: school.chatId, now });
  if (added) await audit(db, now, o.admin, o.origin, [{ action: 'add_teacher', studentId: null, detail: t.auditAddedTeacher(name, o.openId, placeLabel(school)) }]);
  return { added, school };
}
