import type { Db } from '../../db/database.js';
import type { Person } from '../../db/queries/people.js';
import type { Role } from '../../db/schema/roster.js';
import type { NormalizedText } from '../../domain/text/normalize-text.js';
import type { CampaignsNow } from '../../domain/responses/campaigns-for.js';

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
  /** Every active campaign with its current round at `now`, read with the message. */
  campaigns: CampaignsNow;
  /** People other than the bot the message @-mentions: an answer is still only the sender's, and the receipt says so. */
  othersMentioned?: number;
};

export type Command = {
  name: string;
  aliases: readonly string[];
  usage: string;
  summary: string;
  roles: readonly Role[];
  run(ctx: CommandContext): Promise<CommandReply>;
};
