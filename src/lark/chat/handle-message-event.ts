import { answerMessage, type Answer } from './command-registry.js';
import type { CommandReply } from './command.js';
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
import type { EventClaim } from '../../db/queries/inbox.js';
import { extractMessageText } from './extract-message-text.js';
import { hasMentions, readMentions, type MessageMentions } from './read-mentions.js';
import { isUploadMessage, receiveUpload, type ReceivedUpload } from './receive-evidence.js';
import { answerUpload } from './answer-upload.js';
import { fetchRepliedFile, repliesWithNotice, type RepliedFile } from './fetch-replied-file.js';
import { listChatMembers } from '../chat-members.js';

/**
 * One person's message, handled in one transaction: the answer is queued as a reply and the event
 * marked done together (`claim`), so a crash part-way leaves it to be handled again, never half-done.
 */
export async function handleMessageEvent(deps: Deps, event: MessageEvent, claim: EventClaim): Promise<void> {
  const message = event.message;
  // Only strings are ids: a malformed event is ignored, never looked up.
  const openId = stringOrUndefined(event.sender?.sender_id?.open_id);
  const messageId = stringOrUndefined(message?.message_id);
  const chatId = stringOrUndefined(message?.chat_id);
  const log = deps.log.child({ eventId: event.event_id, messageId, chatType: message?.chat_type });
  const fromPerson = event.sender?.sender_type === 'user' && openId && messageId ? { openId, messageId } : undefined;
  // Asked before the transaction (it may call Lark); a group message that does not @-mention the bot is not for it.
  const mentions = fromPerson ? await whomItMentions(deps, message) : undefined;
  const sender = mentions?.mentionsBot ? fromPerson : undefined;
  // A photo or file sent 1:1 is downloaded and stored before the transaction, which only records it
  // (a group's photos are never for the bot: they are not @-mentions, so `sender` is unset there).
  const upload = sender && message && message.chat_type === 'p2p' && isUploadMessage(message) ? await receiveUpload(deps, { openId: sender.openId, message, log }) : undefined;
  // A notice sent as a reply to a file carries that file: read and downloaded here too.
  const repliedFile = sender && message && repliesWithNotice(message) ? await fetchRepliedFile(deps, { openId: sender.openId, message, log }) : undefined;
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    // Asked together, in one round trip (a transaction's concurrent queries are pipelined): what
    // most messages need. Unused when the event turns out to be handled already.
    const [claimed, person, campaigns] = await Promise.all([
      claim.take(tx),
      sender ? findActivePersonByOpenId(tx, sender.openId) : undefined,
      sender ? listActiveCampaignsWithCurrentRound(tx, now) : [],
    ]);
    if (!claimed) return;
    let answer: OutgoingMessage | undefined;
    if (!fromPerson) {
      log.info('message ignored', { reason: 'not from a person' });
    } else if (!sender) {
      // With `im:message.group_msg` Lark delivers every message in every school chat: answering them would be spam.
      log.info('message ignored', { reason: 'group message without @bot', othersMentioned: mentions?.others ?? 0 });
    } else {
      const { reply, privately } = await replyTo(deps, { db: tx, person, campaigns, now, othersMentioned: mentions?.others ?? 0, upload, repliedFile }, message, log);
      answer = {
        key: outboxKey('reply', sender.messageId),
        kind: 'reply',
        // A reply that must not be read in the chat it was asked in goes 1:1 (it answers the person's own message).
        to: privately
          ? { openId: sender.openId }
          : { replyTo: sender.messageId, inChat: chatId ?? `unknown:${sender.messageId}`, ...(message?.chat_type === 'p2p' ? { person: sender.openId } : {}) },
        ...replyContent(reply),
        notBefore: now,
      };
    }
    // The answer and the done mark go together too.
    await Promise.all([answer && enqueueMessages(tx, now, [answer]), claim.done(tx, now)]);
  });
  deps.outbox.deliverSoon();
}

async function replyTo(
  deps: Deps,
  { db, person, campaigns, now, othersMentioned, upload, repliedFile }: { db: Db; person: Person | undefined; campaigns: CampaignsNow; now: Date; othersMentioned: number; upload: ReceivedUpload | undefined; repliedFile: RepliedFile | undefined },
  message: MessageEvent['message'],
  log: Logger,
): Promise<Answer> {
  if (!person) {
    log.info('message from someone not in the roster');
    return { reply: { text: commonTexts.notInRoster } };
  }
  if (upload) {
    log.info('evidence upload answered', { personId: person.id, role: person.role, outcome: upload.kind });
    return answerUpload({ db, person, now, timezone: deps.config.timezone, chatId: stringOrUndefined(message?.chat_id) ?? null }, upload);
  }
  const raw = extractMessageText(message?.message_type, message?.content);
  if (raw === undefined) return { reply: { text: commonTexts.unsupportedMessage } };
  const text = normalizeText(raw);
  const inGroup = message?.chat_type !== 'p2p';
  const chatId = stringOrUndefined(message?.chat_id);
  const chatMembers = (id: string) => listChatMembers(deps.lark.client, id);
  const answer = await answerMessage({ db, person, text, said: raw, now, timezone: deps.config.timezone, inGroup, chatId, campaigns, othersMentioned, repliedFile, chatMembers });
  const { refused, privately } = answer;
  if (refused) log.warn('command refused', { personId: person.id, role: person.role, command: refused });
  else if (privately) log.info('message answered 1:1', { personId: person.id, role: person.role });
  else log.info('message answered', { personId: person.id, role: person.role, textLength: raw.length, othersMentioned });
  return answer;
}

/**
 * In a group, only a message that @-mentions the bot is for it; 1:1 every message is. Knowing
 * who the bot is may need Lark (bot/v3/info, once): if that fails the event fails, and is retried.
 */
async function whomItMentions(deps: Deps, message: MessageEvent['message']): Promise<MessageMentions> {
  const mentions = message?.mentions;
  if (message?.chat_type === 'p2p') {
    // Nobody needs to @ the bot 1:1, so not knowing who it is must not stop the answer.
    const botOpenId = hasMentions(mentions) ? await deps.lark.bot.openId().catch(() => undefined) : undefined;
    return { mentionsBot: true, others: readMentions(mentions, botOpenId).others };
  }
  if (!hasMentions(mentions)) return { mentionsBot: false, others: 0 };
  return readMentions(mentions, await deps.lark.bot.openId());
}

const stringOrUndefined = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export function replyContent(reply: CommandReply): { msgType: 'text' | 'interactive'; content: unknown } {
  return 'text' in reply ? { msgType: 'text', content: { text: reply.text } } : { msgType: 'interactive', content: reply.card };
}
