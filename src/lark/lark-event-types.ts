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
