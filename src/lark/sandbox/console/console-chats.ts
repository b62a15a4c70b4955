import { consoleTexts as t } from '../../../texts/console-texts.js';
import { isP2pChatId, p2pChatIdFor, type SandboxMessage } from '../sandbox-state.js';
import type { ConsolePerson } from './console-sources.js';

/** A chat in the console's list: who is in it, what it is called, and its latest message. */
export type ConsoleChat = {
  chatId: string;
  kind: 'group' | 'p2p';
  title: string;
  subtitle: string;
  /** Who can speak here, the one to act as first. */
  members: string[];
  search: string;
  last: SandboxMessage | undefined;
};

const BUREAU_ROLES = new Set(['bureau', 'admin']);
/** In a school's chat the console speaks first as a teacher: they are the ones who answer there. */
const SPEAKS_FIRST = ['teacher', 'principal', 'bureau', 'admin'];

/**
 * Every chat the county has: the group chats named in the roster (the bureau's, then each
 * school's, in roster order), chats Lark holds messages for that the roster does not name, and a
 * 1:1 chat with the bot for every person.
 */
export function listConsoleChats(people: readonly ConsolePerson[], messages: readonly SandboxMessage[], chatNames: ReadonlyMap<string, string> = new Map()): ConsoleChat[] {
  const last = new Map<string, SandboxMessage>();
  for (const m of messages) last.set(m.chat_id, m);
  const byChat = new Map<string, ConsolePerson[]>();
  for (const p of people) if (p.chatId) byChat.set(p.chatId, [...(byChat.get(p.chatId) ?? []), p]);

  const groups: ConsoleChat[] = [...byChat].map(([chatId, members]) => {
    const bureau = members.some((m) => BUREAU_ROLES.has(m.role));
    const school = members.find((m) => m.school)?.school ?? chatId;
    const title = bureau ? t.bureauChat : t.schoolChat(school);
    const ordered = [...members].sort((a, b) => SPEAKS_FIRST.indexOf(a.role) - SPEAKS_FIRST.indexOf(b.role));
    return { chatId, kind: 'group', title, subtitle: `${members.length} 人`, members: ordered.map((m) => m.openId), search: `${title} ${members.map((m) => m.name).join(' ')}`, last: last.get(chatId) };
  });
  groups.sort((a, b) => Number(b.title === t.bureauChat) - Number(a.title === t.bureauChat));
  const named = new Set([...byChat.keys(), ...people.map((p) => p2pChatIdFor(p.openId))]);
  // Groups the roster does not name (yet): a chat the bot was just added to, waiting to be bound.
  const strays: ConsoleChat[] = [...new Set([...chatNames.keys(), ...last.keys()])]
    .filter((chatId) => !named.has(chatId) && !isP2pChatId(chatId))
    .map((chatId) => {
      const title = chatNames.get(chatId) ?? chatId;
      return { chatId, kind: 'group', title, subtitle: t.unboundChat, members: [], search: `${title} ${chatId}`, last: last.get(chatId) };
    });
  const direct: ConsoleChat[] = people.map((p) => {
    const role = t.roles[p.role] ?? p.role;
    const subtitle = [role, p.school ?? p.town].filter(Boolean).join(' · ');
    const chatId = p2pChatIdFor(p.openId);
    return { chatId, kind: 'p2p', title: t.directChatTitle(p.name), subtitle, members: [p.openId], search: `${p.name} ${subtitle}`, last: last.get(chatId) };
  });
  return [...groups, ...strays, ...direct];
}
