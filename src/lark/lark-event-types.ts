/** The fields Ducha reads from the SDK's flattened events (header and event merged). */
export type MessageEvent = {
  event_id: string;
  sender?: { sender_id?: { open_id?: string }; sender_type?: string };
  message?: {
    message_id?: string;
    chat_id?: string;
    chat_type?: string;
    message_type?: string;
    content?: string;
    parent_id?: string;
    /** Who the text's `@_user_N` placeholders are; read defensively (see chat/read-mentions.ts). */
    mentions?: unknown;
  };
};

/** A click on the bot's custom menu (`application.bot.menu_v6`): who, and the item's key; no chat, no message. */
export type MenuEvent = {
  event_id: string;
  operator?: { operator_name?: string; operator_id?: { open_id?: string; union_id?: string; user_id?: string } };
  event_key?: string;
  /** When the person clicked (seconds in Lark's example). */
  timestamp?: number | string;
};

export type CardActionEvent = {
  event_id: string;
  operator?: { open_id?: string };
  action?: { value?: unknown; tag?: string; form_value?: Record<string, unknown>; name?: string };
  context?: { open_message_id?: string; open_chat_id?: string };
};

export type CardResponse = {
  toast?: { type: 'info' | 'success' | 'error' | 'warning'; content: string };
  card?: { type: 'raw'; data: Record<string, unknown> };
};
