import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { LarkSettings } from '../../config.js';
import type { FaultRule } from './fault-plan.js';
import { RateMonitor } from './rate-monitor.js';
import { SANDBOX_CREDENTIALS } from './sandbox-credentials.js';
import type { WsEndpointFake } from './ws-endpoint-fake.js';

export { SANDBOX_CREDENTIALS, sandboxAppEnv } from './sandbox-credentials.js';

export type SandboxMessage = {
  message_id: string;
  chat_id: string;
  chat_type: 'group' | 'p2p';
  msg_type: string;
  /** Parsed from Lark's content string, for readers of GET /sandbox/messages. */
  content: unknown;
  /** Plain text of a text message, or the card's visible text, for quick reading. */
  text: string;
  receive_id_type: string | null;
  receive_id: string | null;
  parent_id: string | null;
  uuid: string | null;
  sender: { type: 'bot' } | { type: 'user'; open_id: string };
  /** A file message: the uploaded file's name (its bytes: GET /sandbox/files/:file_key). */
  file_name?: string;
  create_time: string;
  updated: boolean;
  /** Whom a person's text @-mentions: each `@_user_N` placeholder in content.text and the name it stands for. */
  mentions?: { key: string; name: string }[];
};

/** What changed in the sandbox, for the console's live view: a message added or redrawn, or the clock moved. */
export type SandboxChange = { kind: 'added' | 'updated'; chat_id: string; message_id: string } | { kind: 'clock'; now: string } | { kind: 'closed' };

const UUID_WINDOW_MS = 60 * 60 * 1000;
export const SANDBOX_BOT_OPEN_ID = 'ou_sandbox_bot';
export const SANDBOX_BOT_NAME = '督查助手';

export const p2pChatIdFor = (openId: string) => `oc_p2p_${openId}`;
export const isP2pChatId = (chatId: string) => chatId.startsWith('oc_p2p_');

/** A file uploaded with im.file.create. */
export type SandboxFile = { file_key: string; file_type: string; file_name: string; bytes: Uint8Array };

/** A photo or file a person sent (POST /sandbox/send-file), served by the message-resource API. */
export type SandboxResource = { message_id: string; key: string; type: 'image' | 'file'; file_name: string | null; bytes: Uint8Array };

/**
 * A person of the sandbox's tenant, as contact/v3/users/batch_get_id finds them by mobile or email.
 * `in_scope`: inside the app's availability (可用范围); Lark shows the app no one else.
 */
export type SandboxUser = { open_id: string; mobile: string | null; email: string | null; in_scope: boolean };

/** Lark's side of the conversation, in memory: what the bot sent and what people said. */
export class SandboxState {
  readonly settings: LarkSettings;
  readonly messages: SandboxMessage[] = [];
  private readonly byId = new Map<string, SandboxMessage>();
  private readonly byUuid = new Map<string, { message: SandboxMessage; at: number }>();
  readonly tokens = new Set<string>();
  /** Uploaded files by file_key: a file message may send only one of these. */
  readonly files = new Map<string, SandboxFile>();
  /** People's photos and files by `message_id/key`: what GET …/messages/:id/resources/:key answers. */
  readonly resources = new Map<string, SandboxResource>();
  /** Message-resource downloads asked for, answered or not: a re-delivered event should not download again. */
  resourceRequests = 0;
  /** Every send or reply request per uuid, duplicates included: what Lark itself would have seen. */
  readonly sendRequests = new Map<string, number>();
  /** Chats the bot was removed from: sends there fail with 230002, as on Lark. */
  readonly chatsWithoutBot = new Set<string>();
  /** Who is in each group chat (open_id → name), for the chat members API; the bot is never listed, as on Lark. */
  readonly chatMembers = new Map<string, Map<string, string>>();
  /** Group names as the bot-added events gave them, for the console's chat list. */
  readonly chatNames = new Map<string, string>();
  /** Trouble to make on coming send and reply requests (429s, 5xx, Lark errors, slow answers). */
  readonly faults: FaultRule[] = [];
  /** When each send or reply request arrived, per target and for the app, to check rate limits. */
  readonly rateMonitor = new RateMonitor();
  /** The tenant's people by open_id (the demo county's in sandbox mode; tests add others with POST /sandbox/users). */
  readonly users = new Map<string, SandboxUser>();
  /** Each contact/v3/users/batch_get_id request that was answered: how many mobiles and emails it asked for. */
  readonly contactRequests: { mobiles: number; emails: number }[] = [];
  /** GET /open-apis/bot/v3/info requests: an app asks who its bot is once, not per message. */
  botInfoRequests = 0;
  /** The next this many bot/v3/info requests fail with a 500, as during a Lark outage. */
  botInfoOutages = 0;
  /** Where Lark delivers events: the app's base URL, known once the server listens. */
  appUrl: string | undefined;
  /** Set when the app keeps a long connection (LARK_MODE=ws): events go there instead of to `appUrl`. */
  longConnection: WsEndpointFake | undefined;
  /** Who watches changes (the console's event streams); each gets every change, in order. */
  private readonly watchers = new Set<(change: SandboxChange) => void>();

  constructor(
    readonly clock: Clock,
    options: { baseUrl?: string } = {},
  ) {
    this.settings = { ...SANDBOX_CREDENTIALS, domain: options.baseUrl ?? 'http://127.0.0.1' };
  }

  issueToken(): string {
    const token = `t-sandbox-${randomUUID()}`;
    this.tokens.add(token);
    return token;
  }

  /** Lark keeps a send's uuid for an hour: the same uuid again returns the first message. */
  findByUuid(uuid: string): SandboxMessage | undefined {
    const hit = this.byUuid.get(uuid);
    if (!hit) return undefined;
    if (this.clock.now().getTime() - hit.at > UUID_WINDOW_MS) {
      this.byUuid.delete(uuid);
      return undefined;
    }
    return hit.message;
  }

  find(messageId: string): SandboxMessage | undefined {
    return this.byId.get(messageId);
  }

  add(message: Omit<SandboxMessage, 'message_id' | 'create_time' | 'updated'>): SandboxMessage {
    const stored: SandboxMessage = {
      ...message,
      message_id: `om_${randomBytes(16).toString('hex')}`,
      create_time: String(this.clock.now().getTime()),
      updated: false,
    };
    this.messages.push(stored);
    this.byId.set(stored.message_id, stored);
    if (stored.uuid) this.byUuid.set(stored.uuid, { message: stored, at: this.clock.now().getTime() });
    this.notify({ kind: 'added', chat_id: stored.chat_id, message_id: stored.message_id });
    return stored;
  }

  /** A card redrawn in place (PATCH, or the card a callback answered with). */
  redraw(message: SandboxMessage, content: unknown, text: string): void {
    message.content = content;
    message.text = text;
    message.updated = true;
    this.notify({ kind: 'updated', chat_id: message.chat_id, message_id: message.message_id });
  }

  /** Set when the server stops: the console's event streams end, so that they do not hold it open. */
  closed = false;

  close(): void {
    this.closed = true;
    this.notify({ kind: 'closed' });
  }

  /** Calls `watcher` with every change from now on; returns how to stop. */
  watch(watcher: (change: SandboxChange) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  notify(change: SandboxChange): void {
    for (const watcher of this.watchers) watcher(change);
  }

  /** Adds people to the tenant, or replaces those of the same open_id. */
  addUsers(users: readonly SandboxUser[]): void {
    for (const user of users) this.users.set(user.open_id, user);
  }

  /** Puts people in a group chat (a name given again replaces the old one). */
  addChatMembers(chatId: string, members: readonly { open_id: string; name: string }[]): void {
    const chat = this.chatMembers.get(chatId) ?? new Map<string, string>();
    for (const m of members) chat.set(m.open_id, m.name);
    this.chatMembers.set(chatId, chat);
  }

  botMessages(): SandboxMessage[] {
    return this.messages.filter((m) => m.sender.type === 'bot');
  }
}
