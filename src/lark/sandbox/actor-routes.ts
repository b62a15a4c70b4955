import { Hono } from 'hono';
import { z } from 'zod';
import { visibleText } from './visible-text.js';
import { buildEnvelope, deliverEnvelope } from './deliver-event.js';
import { isP2pChatId, p2pChatIdFor, SANDBOX_BOT_NAME, SANDBOX_BOT_OPEN_ID, type SandboxMessage, type SandboxState } from './sandbox-state.js';

const sayBody = z.object({
  open_id: z.string().min(1),
  chat_id: z.string().min(1).optional(),
  text: z.string(),
  parent_id: z.string().min(1).optional(),
  wait_ms: z.number().int().min(0).max(10_000).optional(),
  /** People the message @-mentions, in the order they appear (before the text). */
  mentions: z.array(z.object({ open_id: z.string().min(1), name: z.string() })).max(20).optional(),
  /** Whether it @-mentions the bot too (first): by default in a group, as Lark's group_at_msg scope delivers only those. */
  at_bot: z.boolean().optional(),
});

/** People's 1:1 texts to hold without delivering them (a load generator posts their events itself). */
const writtenBody = z.object({ messages: z.array(z.object({ open_id: z.string().min(1), text: z.string() })).min(1).max(20_000) });

const clickBody = z.object({
  open_id: z.string().min(1),
  message_id: z.string().min(1),
  value: z.record(z.string(), z.unknown()).optional(),
  form_value: z.record(z.string(), z.unknown()).optional(),
  /** A forged click: the event names this message id (one the bot may never have sent) instead of the card's. */
  forge_message_id: z.string().min(1).optional(),
  wait_ms: z.number().int().min(0).max(10_000).optional(),
});

/** Lets a person act as anyone in the roster: say something, click a card, read what the bot sent. */
export function createActorRoutes(state: SandboxState): Hono {
  const routes = new Hono();

  routes.get('/sandbox/messages', (c) => {
    const { chat_id, open_id, parent_id, all, since } = c.req.query();
    // `all=1`: what people said too, so a conversation reads in order.
    const messages = (all === '1' ? state.messages : state.botMessages())
      .filter((m) => !chat_id || m.chat_id === chat_id)
      .filter((m) => !open_id || m.chat_id === p2pChatIdFor(open_id))
      .filter((m) => !parent_id || m.parent_id === parent_id);
    // `since=N`: only those after the first N of this list (messages are only appended), so a
    // poller of a load run reads each message once instead of all 20,000 every second.
    const skip = Number(since);
    return c.json({ messages: Number.isInteger(skip) && skip > 0 ? messages.slice(skip) : messages });
  });

  // The messages exist, as on Lark, so the bot's replies to them land; nothing is sent to the app.
  routes.post('/sandbox/messages', async (c) => {
    const parsed = writtenBody.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: 'expected {messages: [{open_id, text}]} (1 to 20,000)' }, 400);
    const held = parsed.data.messages.map(({ open_id, text }) => addPersonsText(state, { openId: open_id, chatId: p2pChatIdFor(open_id), chatType: 'p2p', text, shownText: text }));
    return c.json({ messages: held.map((m) => ({ message_id: m.message_id, create_time: m.create_time })) });
  });

  routes.post('/sandbox/say', async (c) => {
    const parsed = sayBody.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: 'expected {open_id, text, chat_id?, parent_id?, wait_ms?, mentions?, at_bot?}' }, 400);
    const { open_id, text, parent_id } = parsed.data;
    const chatId = parsed.data.chat_id ?? p2pChatIdFor(open_id);
    const chatType = isP2pChatId(chatId) ? 'p2p' : 'group';
    // As on Lark: each mention is a `@_user_N` placeholder in the text, and who it is in `mentions`.
    const mentioned = [
      ...((parsed.data.at_bot ?? chatType === 'group') ? [{ open_id: SANDBOX_BOT_OPEN_ID, name: SANDBOX_BOT_NAME }] : []),
      ...(parsed.data.mentions ?? []),
    ];
    const mentions = mentioned.map((m, i) => ({ key: `@_user_${i + 1}`, id: { open_id: m.open_id, union_id: `on_${m.open_id}` }, name: m.name, tenant_key: 'sandbox' }));
    const shownText = [...mentions.map((m) => m.key), text].join(' ');
    const said = addPersonsText(state, { openId: open_id, chatId, chatType, text, shownText, parentId: parent_id, mentions: mentions.map((m) => ({ key: m.key, name: m.name })) });
    const envelope = buildEnvelope(state, 'im.message.receive_v1', {
      sender: { sender_id: { open_id, union_id: `on_${open_id}` }, sender_type: 'user', tenant_key: 'sandbox' },
      message: {
        message_id: said.message_id,
        ...(parent_id ? { root_id: parent_id, parent_id } : {}),
        create_time: said.create_time,
        update_time: said.create_time,
        chat_id: chatId,
        chat_type: chatType,
        message_type: 'text',
        content: JSON.stringify({ text: shownText }),
        mentions,
      },
    });
    const delivered = await deliverEnvelope(state, '/lark/events', envelope);
    const replies = await waitFor(state, (m) => m.parent_id === said.message_id, parsed.data.wait_ms ?? 3000);
    return c.json({ message_id: said.message_id, create_time: said.create_time, event_id: envelope.header.event_id, delivered, replies });
  });

  routes.post('/sandbox/click', async (c) => {
    const parsed = clickBody.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: 'expected {open_id, message_id, value?, form_value?, forge_message_id?, wait_ms?}' }, 400);
    const { open_id, message_id, value, form_value, forge_message_id } = parsed.data;
    const card = state.find(message_id);
    if (!card || card.msg_type !== 'interactive') return c.json({ error: 'no card with that message_id' }, 404);
    const before = state.messages.length;
    const envelope = buildEnvelope(state, 'card.action.trigger', {
      operator: { open_id, union_id: `on_${open_id}`, tenant_key: 'sandbox' },
      token: `c-${envelope_token()}`,
      action: {
        value: value ?? {},
        tag: 'button',
        timezone: 'Asia/Shanghai',
        ...(form_value ? { form_value, name: 'submit' } : {}),
      },
      host: 'im_message',
      context: { open_message_id: forge_message_id ?? message_id, open_chat_id: card.chat_id },
    });
    const delivered = await deliverEnvelope(state, '/lark/card', envelope);
    // Lark would redraw the message the event named; a forged one is no card here.
    if (!forge_message_id) applyReturnedCard(state, card, delivered.body);
    const sent = await waitFor(state, (_m, i) => i >= before, parsed.data.wait_ms ?? 2000);
    return c.json({ event_id: envelope.header.event_id, delivered, messages: sent });
  });

  return routes;
}

/** Lark redraws the clicked card in place when the callback answers with `card: { type: 'raw', data }`. */
function applyReturnedCard(state: SandboxState, card: SandboxMessage, body: unknown): void {
  const returned = (body as { card?: { type?: unknown; data?: unknown } } | null)?.card;
  if (returned?.type !== 'raw' || !returned.data || typeof returned.data !== 'object') return;
  state.redraw(card, returned.data, visibleText('interactive', returned.data));
}

const envelope_token = () => Math.random().toString(16).slice(2);

/** Waits (up to ms) for the bot's answers, then a short grace for the rest of a burst. */
async function waitFor(
  state: SandboxState,
  match: (m: SandboxMessage, index: number) => boolean,
  ms: number,
): Promise<SandboxMessage[]> {
  const found = () => state.messages.filter((m, i) => m.sender.type === 'bot' && match(m, i));
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && found().length === 0) await new Promise((r) => setTimeout(r, 25));
  if (found().length > 0) await new Promise((r) => setTimeout(r, 100));
  return found();
}

/** A person's text message as the sandbox holds it; `shownText` carries the `@_user_N` placeholders. */
function addPersonsText(
  state: SandboxState,
  m: { openId: string; chatId: string; chatType: 'p2p' | 'group'; text: string; shownText: string; parentId?: string | undefined; mentions?: SandboxMessage['mentions'] },
): SandboxMessage {
  return state.add({
    chat_id: m.chatId,
    chat_type: m.chatType,
    msg_type: 'text',
    content: { text: m.shownText },
    text: m.text,
    receive_id_type: null,
    receive_id: null,
    parent_id: m.parentId ?? null,
    uuid: null,
    sender: { type: 'user', open_id: m.openId },
    ...(m.mentions?.length ? { mentions: m.mentions } : {}),
  });
}
