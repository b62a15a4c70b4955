import { answerMessage, type Answer } from './command-registry.js';
import type { CommandReply } from './command.js';
import { claimReceivedEvent, markEventProcessed } from '../../db/queries/inbox.js';
import type { Db } from '../../db/database.js';
import { enqueueMessages, outboxKey, type OutgoingMessage } from '../../db/queries/outbox.js';
import { findActivePersonByOpenId, type Person } from '../../db/queries/people.js';
import { listActiveCampaignsWithCurrentRound } from '../../db/queries/rounds.js';
import type { CampaignsNow } from '../../domain/responses/campaigns-for.js';
import type { Deps } from '../../deps.js';
import type { Logger } from '../../log.js';
import { normalizeText } from '../../domain/text/normalize-text.js';
import { commonTexts } from '../../texts/common-texts.js';
import type { MessageEvent } from '../lark-event-types.js';
import { extractMessageText } from './extract-message-text.js';

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
  const sender = event.sender?.sender_type === 'user' && openId && messageId ? { openId, messageId } : undefined;
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    // Asked together, in one round trip (a transaction's concurrent queries are pipelined): what
    // most messages need. Unused when the event turns out to be handled already.
    const [claimed, person, campaigns] = await Promise.all([
      claimReceivedEvent(tx, event.event_id),
      sender ? findActivePersonByOpenId(tx, sender.openId) : undefined,
      sender ? listActiveCampaignsWithCurrentRound(tx, now) : [],
    ]);
    if (!claimed) return;
    let answer: OutgoingMessage | undefined;
    if (!sender) {
      log.info('message ignored', { reason: 'not from a person' });
    } else {
      const { reply, privately } = await replyTo(deps, { db: tx, person, campaigns, now }, message, log);
      answer = {
        key: outboxKey('reply', sender.messageId),
        kind: 'reply',
        // A reply that must not be read in the chat it was asked in goes 1:1 (it answers the person's own message).
        to: privately ? { openId: sender.openId } : { replyTo: sender.messageId, inChat: chatId ?? `unknown:${sender.messageId}` },
        ...replyContent(reply),
        notBefore: now,
      };
    }
    // The answer and the done mark go together too.
    await Promise.all([answer && enqueueMessages(tx, now, [answer]), markEventProcessed(tx, event.event_id, now)]);
  });
  deps.outbox.deliverSoon();
}

async function replyTo(
  deps: Deps,
  { db, person, campaigns, now }: { db: Db; person: Person | undefined; campaigns: CampaignsNow; now: Date },
  message: MessageEvent['message'],
  log: Logger,
): Promise<Answer> {
  if (!person) {
    log.info('message from someone not in the roster');
    return { reply: { text: commonTexts.notInRoster } };
  }
  const raw = extractMessageText(message?.message_type, message?.content);
  if (raw === undefined) return { reply: { text: commonTexts.unsupportedMessage } };
  const text = normalizeText(raw);
  const inGroup = message?.chat_type !== 'p2p';
  const answer = await answerMessage({ db, person, text, said: raw, now, timezone: deps.config.timezone, inGroup, chatId: stringOrUndefined(message?.chat_id), campaigns });
  const { refused, privately } = answer;
  if (refused) log.warn('command refused', { personId: person.id, role: person.role, command: refused });
  else if (privately) log.info('message answered 1:1', { personId: person.id, role: person.role });
  else log.info('message answered', { personId: person.id, role: person.role, textLength: raw.length });
  return answer;
}

const stringOrUndefined = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export function replyContent(reply: CommandReply): { msgType: 'text' | 'interactive'; content: unknown } {
  return 'text' in reply ? { msgType: 'text', content: { text: reply.text } } : { msgType: 'interactive', content: reply.card };
}
