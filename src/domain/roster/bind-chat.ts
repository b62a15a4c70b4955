import type { Db } from '../../db/database.js';
import {
  bindBureauChat,
  bindSchoolChat,
  findChatOwner,
  findSchoolPlace,
  listSchoolPlaces,
  lockChatBindings,
  releaseChat,
  type ChatOwner,
  type SchoolPlace,
} from '../../db/queries/chat-binding.js';
import { listBureauChats, type Person } from '../../db/queries/people.js';
import { DomainError } from '../../errors.js';
import { chatBindingTexts as t } from '../../texts/chat-binding-texts.js';
import { audit, type AuditOrigin } from '../register/audit.js';

/** What a chat can be bound to: a school (by id) or the bureau. */
export type BindingPlace = { kind: 'school'; schoolId: number; label: string } | { kind: 'bureau' };

/** A select_static takes long lists, but the card stays under Lark's 30 KB: at most this many options. */
export const MAX_BINDING_PLACES = 100;

export type BindingOffer =
  | { kind: 'not-eligible' }
  | {
      kind: 'offer';
      /** What the person may bind the chat to: their school (principal), the bureau (bureau), any (admin). */
      places: BindingPlace[];
      /** How many places matched in all (an admin's list may be cut at MAX_BINDING_PLACES). */
      total: number;
      /** Who the chat belongs to now, if anyone (the bot may have been removed from it since). */
      current: { kind: 'school'; label: string; removed: boolean } | { kind: 'bureau' } | undefined;
      words: string | undefined;
    };

export const placeLabel = (s: Pick<SchoolPlace, 'town' | 'name'>): string => `${s.town} ${s.name}`;

const schoolPlace = (s: SchoolPlace): BindingPlace => ({ kind: 'school', schoolId: s.id, label: placeLabel(s) });

/**
 * The bot was added to a group (or someone asks 「绑定」 there): what the person who did may bind it
 * to. Teachers and people outside the roster may not bind chats at all.
 */
export async function offerChatBinding(db: Db, o: { person: Person | undefined; chatId: string; words?: string | undefined }): Promise<BindingOffer> {
  const { person } = o;
  if (!person || person.role === 'teacher') return { kind: 'not-eligible' };
  const current = describeOwner(await findChatOwner(db, o.chatId));
  const words = o.words?.trim() || undefined;
  if (person.role === 'principal') {
    const own = person.schoolId === null ? undefined : await findSchoolPlace(db, person.schoolId);
    const places = own ? [schoolPlace(own)] : [];
    return { kind: 'offer', places, total: places.length, current, words: undefined };
  }
  if (person.role === 'bureau') return { kind: 'offer', places: [{ kind: 'bureau' }], total: 1, current, words: undefined };
  // An admin: the bureau's chat first, then every school (or those the words name).
  const withBureau = !words || t.bureauPlace.includes(words);
  const { places, total } = await listSchoolPlaces(db, { ...(words ? { words } : {}), limit: MAX_BINDING_PLACES - (withBureau ? 1 : 0) });
  return {
    kind: 'offer',
    places: [...(withBureau ? [{ kind: 'bureau' as const }] : []), ...places.map(schoolPlace)],
    total: total + (withBureau ? 1 : 0),
    current,
    words,
  };
}

function describeOwner(owner: ChatOwner | undefined): Extract<BindingOffer, { kind: 'offer' }>['current'] {
  if (!owner) return undefined;
  if (owner.kind === 'bureau') return { kind: 'bureau' };
  return { kind: 'school', label: placeLabel(owner.school), removed: owner.school.botRemovedAt !== null };
}

export type BindResult = { place: BindingPlace; replaced: string | undefined };

/**
 * Binds a group chat to a school or to the bureau, one binding at a time (two racing clicks: the
 * second sees the first's). A principal binds their school's chat, a bureau officer the bureau's;
 * a chat or school bound already (even one the bot was removed from) is rebound by an admin only.
 * The school's staff then work in that chat; its former school, if any, falls back to 1:1.
 */
export async function bindChat(
  db: Db,
  now: Date,
  o: { person: Person; chatId: string; place: { kind: 'school'; schoolId: number } | { kind: 'bureau' }; origin: AuditOrigin },
): Promise<BindResult> {
  const { person, chatId } = o;
  if (person.role !== 'admin' && person.role !== 'principal' && person.role !== 'bureau') throw new DomainError('not_a_binder', t.notABinder);
  const isAdmin = person.role === 'admin';
  await lockChatBindings(db);
  const owner = await findChatOwner(db, chatId);
  if (o.place.kind === 'bureau') {
    if (person.role === 'principal') throw new DomainError('not_your_place', t.notYourPlace);
    if (owner?.kind === 'school' && !isAdmin) throw new DomainError('chat_bound_elsewhere', t.chatBoundElsewhere(placeLabel(owner.school)));
    // Moving the bureau to another chat is a rebinding too.
    if (!isAdmin && (await listBureauChats(db)).some((other) => other !== chatId)) throw new DomainError('school_has_chat', t.schoolHasChat(t.bureauPlace));
    await releaseChat(db, chatId, now, {});
    await bindBureauChat(db, chatId, now);
    await audit(db, now, person, o.origin, [{ action: 'bind_chat', studentId: null, detail: t.auditBoundBureau(chatId) }]);
    return { place: { kind: 'bureau' }, replaced: owner?.kind === 'school' ? placeLabel(owner.school) : undefined };
  }
  if (person.role === 'bureau' || (person.role === 'principal' && person.schoolId !== o.place.schoolId)) {
    throw new DomainError('not_your_place', t.notYourPlace);
  }
  const school = await findSchoolPlace(db, o.place.schoolId);
  if (!school) throw new DomainError('unknown_place', t.unknownSchool);
  const label = placeLabel(school);
  const sameSchool = owner?.kind === 'school' && owner.school.id === school.id;
  if (owner && !sameSchool && !isAdmin) {
    throw new DomainError('chat_bound_elsewhere', owner.kind === 'bureau' ? t.chatBoundElsewhere(t.bureauPlace) : t.chatBoundElsewhere(placeLabel(owner.school)));
  }
  if (school.chatId !== null && school.chatId !== chatId && !isAdmin) throw new DomainError('school_has_chat', t.schoolHasChat(label));
  if (isAdmin) await releaseChat(db, chatId, now, { exceptSchoolId: school.id });
  if (!(await bindSchoolChat(db, { schoolId: school.id, chatId, replacing: isAdmin, now }))) {
    // Only if the checks above and the update disagree (the lock makes that unlikely): nothing was bound.
    throw new DomainError('chat_bound_elsewhere', t.chatBoundElsewhere(label));
  }
  await audit(db, now, person, o.origin, [{ action: 'bind_chat', studentId: null, detail: t.auditBoundSchool(chatId, label) }]);
  const replaced = owner && !sameSchool ? (owner.kind === 'bureau' ? t.bureauPlace : placeLabel(owner.school)) : undefined;
  return { place: schoolPlace(school), replaced };
}
