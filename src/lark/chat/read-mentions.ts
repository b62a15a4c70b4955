/** Whom a message @-mentions, as far as Ducha cares: the bot, and how many others. */
export type MessageMentions = { mentionsBot: boolean; others: number };

/**
 * Reads Lark's `message.mentions` (`[{ key: '@_user_1', id: { open_id }, name }]`). Entries without
 * an open_id (@所有人, or malformed ones) count as nobody: they neither address the bot nor a person.
 */
export function readMentions(mentions: unknown, botOpenId: string | undefined): MessageMentions {
  const openIds = new Set<string>();
  if (Array.isArray(mentions)) {
    for (const mention of mentions) {
      const openId = (mention as { id?: { open_id?: unknown } } | null)?.id?.open_id;
      if (typeof openId === 'string' && openId !== '') openIds.add(openId);
    }
  }
  const mentionsBot = botOpenId !== undefined && openIds.has(botOpenId);
  return { mentionsBot, others: openIds.size - (mentionsBot ? 1 : 0) };
}

/** Whether a message has any mention at all (no need to know who the bot is to ignore one that has none). */
export const hasMentions = (mentions: unknown): boolean => Array.isArray(mentions) && mentions.length > 0;
