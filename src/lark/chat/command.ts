import type { Db } from '../../db/database.js';
import type { Person } from '../../db/queries/people.js';
import type { Role } from '../../db/schema/roster.js';
import type { NormalizedText } from '../../domain/text/normalize-text.js';
import type { CampaignsNow } from '../../domain/responses/campaigns-for.js';
import type { RepliedFile } from './fetch-replied-file.js';
import type { ChatMember } from '../chat-members.js';

/**
 * What a command answers: a text or a card, sent as a reply to the person's message, or 1:1 to
 * them when `privately` (it could name a child, or only they can act on it).
 */
export type CommandReply = ({ text: string } | { card: Record<string, unknown> }) & { privately?: boolean };

export type CommandContext = {
  /** The transaction the whole message is handled in. */
  db: Db;
  person: Person;
  /** The words after the command's name, normalised. */
  args: NormalizedText;
  /** The whole message as the person wrote it: free text is read normalised but kept as written. */
  said: string;
  now: Date;
  timezone: string;
  /** Said in a group chat: answers there must not repeat anything that could identify a child. */
  inGroup: boolean;
  /** The chat it was said in (a group, or the person's 1:1 chat with the bot): audit rows name it. */
  chatId?: string | undefined;
  /** Every active campaign with its current round at `now`, read with the message. */
  campaigns: CampaignsNow;
  /** People other than the bot the message @-mentions: an answer is still only the sender's, and the receipt says so. */
  othersMentioned?: number;
  /** A 1:1 `通知 …` that replies to a file: that file, downloaded before the transaction, or why not. */
  repliedFile?: RepliedFile | undefined;
  /** Asks Lark who is in a group chat (群成员); absent where the caller gives no Lark client. */
  chatMembers?: (chatId: string) => Promise<ChatMember[]>;
};

export type Command = {
  name: string;
  aliases: readonly string[];
  usage: string;
  summary: string;
  roles: readonly Role[];
  /**
   * Only with a space or colon after the name (`家访 张小明 …`): a principal's written report may
   * start with the same word (「家访工作安排…」, 「学生安全教育…」) and must stay a report.
   */
  needsBoundary?: boolean;
  /** What the roles not in `roles` are told instead of the generic refusal (where to look instead). */
  refusals?: Partial<Record<Role, string>>;
  /** In a group, only the person's own school chat takes it (it names a child of that school). */
  ownSchoolChatOnly?: boolean;
  run(ctx: CommandContext): Promise<CommandReply>;
};
