import { Hono } from 'hono';
import { z } from 'zod';
import { buildEnvelope, deliverEnvelope } from './deliver-event.js';
import { p2pChatIdFor, type SandboxState } from './sandbox-state.js';

const menuBody = z.object({
  open_id: z.string().min(1),
  /** The item's 推送事件 key as configured in the console: 1 to 30 characters. */
  event_key: z.string().min(1).max(30),
  /** Lark sends the name only with the scope application:application.bot.operator_name:readonly. */
  operator_name: z.string().min(1).max(100).optional(),
  wait_ms: z.number().int().min(0).max(10_000).optional(),
});

/**
 * A person clicks an item of the bot's custom menu in their 1:1 chat: `POST /sandbox/menu
 * {open_id, event_key}` delivers `application.bot.menu_v6` as Lark does (signed, encrypted, to the
 * event URL: the operator's ids and the key, no chat, no message; the click time in seconds), and
 * answers what the bot then sent to that person's 1:1 chat.
 */
export function createMenuRoutes(state: SandboxState): Hono {
  const routes = new Hono();
  routes.post('/sandbox/menu', async (c) => {
    const parsed = menuBody.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: 'expected {open_id, event_key (1-30 characters), operator_name?, wait_ms?}' }, 400);
    const { open_id, event_key, operator_name } = parsed.data;
    const before = state.messages.length;
    const envelope = buildEnvelope(state, 'application.bot.menu_v6', {
      operator: { ...(operator_name ? { operator_name } : {}), operator_id: { union_id: `on_${open_id}`, user_id: `u_${open_id}`, open_id } },
      event_key,
      timestamp: Math.floor(state.clock.now().getTime() / 1000),
    });
    const delivered = await deliverEnvelope(state, '/lark/events', envelope);
    const chatId = p2pChatIdFor(open_id);
    const sent = await waitForBot(state, (i) => i >= before && state.messages[i]!.chat_id === chatId, parsed.data.wait_ms ?? 2000);
    return c.json({ event_id: envelope.header.event_id, delivered, messages: sent });
  });
  return routes;
}

/** Waits (up to ms) for the bot's first answer, then a short grace for the rest. */
async function waitForBot(state: SandboxState, match: (index: number) => boolean, ms: number) {
  const found = () => state.messages.filter((m, i) => m.sender.type === 'bot' && match(i));
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && found().length === 0) await new Promise((r) => setTimeout(r, 25));
  if (found().length > 0) await new Promise((r) => setTimeout(r, 100));
  return found();
}
