import { z } from 'zod';
import type { Db } from '../../db/database.js';
import type { EvidenceStore } from '../../db/evidence-store.js';
import type { Person } from '../../db/queries/people.js';
import type { CardActionEvent, CardResponse } from '../lark-event-types.js';

export type CardActionContext<Value> = {
  /** The transaction the click is handled in, with its dedup mark. */
  db: Db;
  person: Person;
  /** The button's `value`, as its schema read it. */
  value: Value;
  event: CardActionEvent;
  now: Date;
  timezone: string;
  /** deps.evidence, for the one action that reads a file's bytes (查看); absent where no store is configured. */
  evidence?: EvidenceStore;
  /** The group chat the clicked card was sent into (undefined for a card sent 1:1). */
  sentToChat?: string;
};

/**
 * One kind of button or form on the bot's cards, like grammY's callbackQuery(trigger, handler):
 * `name` is the `action` its value carries, `schema` reads the rest. A value the schema refuses
 * is not one of our buttons (an old card, a forged click).
 */
export type CardAction<Schema extends z.ZodType = z.ZodType> = {
  name: string;
  schema: Schema;
  /**
   * A card the bot sent into a group may be clicked by anyone in it, not only by people working in
   * that chat: the action checks the clicker's role itself (绑定: the chat is nobody's yet).
   */
  anyoneInTheGroup?: boolean;
  run(ctx: CardActionContext<z.output<Schema>>): Promise<CardResponse>;
};

export const defineCardAction = <Schema extends z.ZodType>(action: CardAction<Schema>): CardAction<Schema> => action;

/** A Postgres serial id, as our cards write it (a number, or its digits); undefined for anything else. */
export const rowIdOrUndefined = z.unknown().transform((value): number | undefined => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647 ? n : undefined;
});

export const rowId = rowIdOrUndefined.pipe(z.number());

export const toast = (type: 'success' | 'error' | 'info', content: string): CardResponse => ({ toast: { type, content } });
