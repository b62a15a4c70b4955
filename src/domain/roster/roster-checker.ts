import type { GroupRole } from '../../db/schema/roster.js';
import { hasMarkup } from '../../model/plain-name.js';
import { rosterImportTexts as t } from '../../texts/roster-import-texts.js';
import type { RosterProblem, RosterRole, RosterRow } from './roster-row.js';

/** One data row's cells, trimmed; `role` and `groupRole` are what `rawRole` and `rawGroupRole` were recognised as, if anything. */
export type RosterCells = {
  town: string;
  school: string;
  educationGroup: string;
  groupRole: GroupRole | null;
  rawGroupRole: string;
  name: string;
  role: RosterRole | null;
  rawRole: string;
  openId: string;
  chatId: string;
  /**
   * When the file has mobile/email columns and the row no open_id: the mobile or email its open_id
   * was found by (for messages), null when none was found (reported by the lookup), '' when the row
   * gives none of the three. Undefined for a row with an open_id, or a file without those columns.
   */
  openIdFrom?: string | null;
};

type SchoolSeen = {
  label: string;
  chatId: string | null;
  chatLine: number;
  group: string;
  groupLine: number;
  /** The first recognised (or empty) group role given for the school; an unknown one is reported on its own line. */
  groupRole: { role: GroupRole | null; raw: string; line: number } | null;
};
type ChatOwner = { key: string; label: string; line: number };

const BUREAU_CHAT_OWNER = '\u0000bureau';

/** Per-row checks plus the cross-row state (open ids, school chats and groups) seen so far. */
export class RosterChecker {
  readonly problems: RosterProblem[] = [];
  private readonly openIds = new Map<string, number>();
  private readonly schools = new Map<string, SchoolSeen>();
  private readonly chatOwners = new Map<string, ChatOwner>();

  check(line: number, c: RosterCells): RosterRow | null {
    const before = this.problems.length;
    const report = (reason: string) => this.problems.push({ line, reason });

    if (c.name === '') report(t.missingName);
    // Names end up in cards and @-messages, where these would be markup.
    for (const [column, value] of [['name', c.name], ['town', c.town], ['school', c.school], ['education_group', c.educationGroup]] as const) {
      if (hasMarkup(value)) report(t.markupIn(column, value));
    }

    const role = c.role;
    if (c.rawRole === '') report(t.missingRole);
    else if (!role) report(t.unknownRole(c.rawRole));

    if (c.openId === '') {
      if (c.openIdFrom === undefined) report(t.missingOpenId);
      else if (c.openIdFrom === '') report(t.missingIdentity);
    } else if (/\s/.test(c.openId)) report(t.spaceInOpenId(c.openId));
    else {
      const first = this.openIds.get(c.openId);
      if (first !== undefined) report(c.openIdFrom ? t.samePersonAs(c.openIdFrom, c.openId, first) : t.duplicateOpenId(c.openId, first));
      else this.openIds.set(c.openId, line);
    }

    const chatOk = c.chatId !== '' && !/\s/.test(c.chatId);
    if (c.chatId !== '' && !chatOk) report(t.spaceInChatId(c.chatId));

    if (role === 'teacher' || role === 'principal') {
      const label = t.roleLabels[role]!;
      const missing = [c.town === '' ? t.missingTown : null, c.school === '' ? t.missingSchool : null].filter(
        (m): m is string => m !== null,
      );
      if (missing.length > 0) report(t.mustFill(label, missing));
      if (c.rawGroupRole !== '' && !c.groupRole) report(t.unknownGroupRole(c.rawGroupRole));
      else if (c.groupRole && c.educationGroup === '') report(t.groupRoleWithoutGroup(c.rawGroupRole));
      // An empty chat_id is fine: the school's chat is bound when the bot is added to it (or kept, if bound already).
      if (missing.length === 0) this.checkSchool(line, c, chatOk);
    } else if (role === 'bureau' || role === 'admin') {
      const filled = [
        c.town !== '' ? t.filledTown(c.town) : null,
        c.school !== '' ? t.filledSchool(c.school) : null,
        c.educationGroup !== '' ? t.filledGroup(c.educationGroup) : null,
        c.rawGroupRole !== '' ? t.filledGroupRole(c.rawGroupRole) : null,
      ].filter((f): f is string => f !== null);
      if (filled.length > 0) report(t.notInSchool(t.roleLabels[role]!, filled));
      if (chatOk) this.claimChat(line, c.chatId, { key: BUREAU_CHAT_OWNER, label: t.bureauChatOwner, line });
    }

    if (this.problems.length > before || !role) return null;
    return {
      line,
      town: c.town || null,
      school: c.school || null,
      educationGroup: c.educationGroup || null,
      groupRole: c.groupRole,
      name: c.name,
      role,
      openId: c.openId,
      chatId: c.chatId || null,
    };
  }

  // Same town+school = same school; the same school name in another town is a different school.
  private checkSchool(line: number, c: RosterCells, chatOk: boolean): void {
    const key = `${c.town}\u0000${c.school}`;
    const label = `${c.town}${c.school}`;
    const seen = this.schools.get(key);
    const roleKnown = c.rawGroupRole === '' || c.groupRole !== null;
    const groupRole = roleKnown ? { role: c.groupRole, raw: c.rawGroupRole, line } : null;
    if (!seen) {
      this.schools.set(key, { label, chatId: chatOk ? c.chatId : null, chatLine: line, group: c.educationGroup, groupLine: line, groupRole });
      if (chatOk) this.claimChat(line, c.chatId, { key, label: t.schoolChatOwner(label), line });
      return;
    }
    if (chatOk) {
      if (seen.chatId === null) {
        seen.chatId = c.chatId;
        seen.chatLine = line;
        this.claimChat(line, c.chatId, { key, label: t.schoolChatOwner(label), line });
      } else if (seen.chatId !== c.chatId) {
        this.problems.push({ line, reason: t.chatMismatch(label, c.chatId, seen.chatLine, seen.chatId) });
      }
    }
    if (seen.group !== c.educationGroup) {
      this.problems.push({ line, reason: t.groupMismatch(label, c.educationGroup, seen.groupLine, seen.group) });
    }
    // Like the group, the role is the school's: every line of the school gives the same one (or none).
    if (groupRole && !seen.groupRole) seen.groupRole = groupRole;
    else if (groupRole && seen.groupRole && groupRole.role !== seen.groupRole.role) {
      this.problems.push({ line, reason: t.groupRoleMismatch(label, groupRole.raw, seen.groupRole.line, seen.groupRole.raw) });
    }
  }

  // The database keys schools by chat id, and the bureau chat must not be a school's chat.
  private claimChat(line: number, chatId: string, owner: ChatOwner): void {
    const current = this.chatOwners.get(chatId);
    if (!current) this.chatOwners.set(chatId, owner);
    else if (current.key !== owner.key) this.problems.push({ line, reason: t.chatTaken(chatId, current.line, current.label) });
  }
}
