import { answerMessage, refusedCommand } from '../commands/registry.js';
import type { CommandReply } from '../commands/command.js';
import { claimReceivedEvent, markEventProcessed } from '../db/queries/inbox.js';
import { enqueueMessages, outboxKey } from '../db/queries/outbox.js';
import { findActivePersonByOpenId } from '../db/queries/people.js';
import type { Deps } from '../deps.js';
import { normalizeText } from '../domain/text/normalize-text.js';
import { commonTexts } from '../texts/common-texts.js';
import { extractMessageText, type MessageEvent } from './lark-event-types.js';

/**
 * One person's message, handled in one transaction: the answer is queued as a reply and the event
 * marked done together, so a crash part-way leaves it to be handled again, never half-done.
 */
export async function handleMessageEvent(deps: Deps, event: MessageEvent): Promise<void> {
  const message = event.message;
  // Only strings are ids: a malformed event is ignored, never looked up.
  const openId = stringOrUndefined(event.sender?.sender_id?.open_id);
  const messageId = stringOrUndefined(message?.message_id);
  const chatId = stringOrUndefined(message?.chat_id);
  const log = deps.log.child({ eventId: event.event_id, messageId, chatType: message?.chat_type });
  await deps.db.transaction(async (tx) => {
    if (!(await claimReceivedEvent(tx, event.event_id))) return;
    const now = deps.clock.now();
    let reply: CommandReply | undefined;
    if (event.sender?.sender_type !== 'user' || !openId || !messageId) {
      log.info('message ignored', { reason: 'not from a person' });
    } else {
      const person = await findActivePersonByOpenId(tx, openId);
      const raw = extractMessageText(message?.message_type, message?.content);
      if (!person) {
        reply = { text: commonTexts.notInRoster };
        log.info('message from someone not in the roster');
      } else if (raw === undefined) {
        reply = { text: commonTexts.unsupportedMessage };
      } else {
        const text = normalizeText(raw);
        reply = await answerMessage({
          db: tx,
          person,
          text,
          now,
          timezone: deps.config.timezone,
          inGroup: message?.chat_type !== 'p2p',
        });
        const refused = refusedCommand(text, person.role);
        if (refused) log.warn('command refused', { personId: person.id, role: person.role, command: refused });
        else log.info('message answered', { personId: person.id, role: person.role, textLength: raw.length });
      }
      await enqueueMessages(tx, now, [
        {
          key: outboxKey('reply', messageId),
          kind: 'reply',
          to: { replyTo: messageId, inChat: chatId ?? `unknown:${messageId}` },
          ...replyContent(reply),
          notBefore: now,
        },
      ]);
    }
    await markEventProcessed(tx, event.event_id, now);
  });
  deps.deliverSoon();
}

const stringOrUndefined = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export function replyContent(reply: CommandReply): { msgType: 'text' | 'interactive'; content: unknown } {
  return 'text' in reply ? { msgType: 'text', content: { text: reply.text } } : { msgType: 'interactive', content: reply.card };
}
