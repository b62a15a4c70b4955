import type { MessageTarget } from '../../db/queries/outbox.js';

/** The school's chat while the bot is in it; undefined when no chat is bound or the bot was removed from it. */
export const usableChatOf = (school: { chatId: string | null; botRemovedAt: Date | null }): string | undefined =>
  school.chatId !== null && school.botRemovedAt === null ? school.chatId : undefined;

/**
 * Where a message meant for a school's chat goes: the chat, or else each of the school's principals
 * 1:1 with the same content. `keyParts` tell one principal's copy from another's in an outbox key.
 */
export function schoolChatTargets(
  school: { id: number; chatId: string | null; botRemovedAt: Date | null },
  principals: readonly { id: number; openId: string; schoolId: number | null }[],
): { to: MessageTarget; keyParts: string[] }[] {
  const chatId = usableChatOf(school);
  if (chatId) return [{ to: { chatId }, keyParts: [] }];
  return principals.filter((p) => p.schoolId === school.id).map((p) => ({ to: { openId: p.openId }, keyParts: [`p${p.id}`] }));
}
