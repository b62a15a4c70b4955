import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { buildEnvelope, deliverEnvelope } from './deliver-event.js';
import { isP2pChatId, type SandboxMessage, type SandboxState } from './sandbox-state.js';

const member = z.object({ open_id: z.string().min(1), name: z.string() });

const botBody = z.object({
  chat_id: z.string().min(1).refine((id) => !isP2pChatId(id), 'a group chat'),
  /** Who adds or removes the bot (the event's operator_id); absent: Lark's event would still name someone, here nobody. */
  open_id: z.string().min(1).optional(),
  /** The group's name, as the event carries it. */
  name: z.string().optional(),
  /** People to put in the chat first (the one who adds the bot is put in with this name, if listed). */
  members: z.array(member).max(1000).optional(),
  wait_ms: z.number().int().min(0).max(10_000).optional(),
});

const membersBody = z.object({ chat_id: z.string().min(1), members: z.array(member).max(5000) });

/**
 * Group membership on Lark's side: add the bot to a chat or remove it (the app gets 机器人进群 /
 * 机器人被移出群, signed and encrypted), and set who is in a chat (what the members API lists).
 */
export function createChatMemberRoutes(state: SandboxState): Hono {
  const routes = new Hono();

  routes.post('/sandbox/chat-members', async (c) => {
    const parsed = membersBody.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: 'expected {chat_id, members: [{open_id, name}]}' }, 400);
    state.addChatMembers(parsed.data.chat_id, parsed.data.members);
    return c.json({ chat_id: parsed.data.chat_id, members: state.chatMembers.get(parsed.data.chat_id)?.size ?? 0 });
  });

  routes.post('/sandbox/add-bot', (c) => membership(c, state, 'added'));
  routes.post('/sandbox/remove-bot', (c) => membership(c, state, 'deleted'));
  return routes;
}

async function membership(c: Context, state: SandboxState, change: 'added' | 'deleted'): Promise<Response> {
  const parsed = botBody.safeParse(await c.req.json().catch(() => undefined));
  if (!parsed.success) return c.json({ error: 'expected {chat_id (a group), open_id?, name?, members?, wait_ms?}' }, 400);
  const { chat_id, open_id, name, members } = parsed.data;
  if (members) state.addChatMembers(chat_id, members);
  if (name) state.chatNames.set(chat_id, name);
  // As on Lark: the bot is in the chat (or out of it) before the event is pushed.
  if (change === 'added') state.chatsWithoutBot.delete(chat_id);
  else state.chatsWithoutBot.add(chat_id);
  const before = state.messages.length;
  const envelope = buildEnvelope(state, `im.chat.member.bot.${change}_v1`, {
    chat_id,
    ...(open_id ? { operator_id: { open_id, union_id: `on_${open_id}`, user_id: null } } : {}),
    external: false,
    operator_tenant_key: 'sandbox',
    name: name ?? chat_id,
    i18n_names: { zh_cn: name ?? chat_id },
  });
  const delivered = await deliverEnvelope(state, '/lark/events', envelope);
  const sent = await waitForBot(state, before, parsed.data.wait_ms ?? 2000);
  return c.json({ event_id: envelope.header.event_id, delivered, messages: sent });
}

/** Waits (up to ms) for the bot's first messages after `before`, then a short grace for the rest. */
async function waitForBot(state: SandboxState, before: number, ms: number): Promise<SandboxMessage[]> {
  const found = () => state.messages.slice(before).filter((m) => m.sender.type === 'bot');
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && found().length === 0) await new Promise((r) => setTimeout(r, 25));
  if (found().length > 0) await new Promise((r) => setTimeout(r, 100));
  return found();
}

/** Lark's largest members page (获取群成员列表: page_size 最大值 100; default 20). */
const MAX_PAGE_SIZE = 100;

/**
 * GET /open-apis/im/v1/chats/:chat_id/members as Lark answers it: the chat's people (never the
 * bot), paged by an opaque page_token; 232011 when the bot is not in the chat, 232001 for a bad page_size.
 */
export function addChatMembersApi(api: Hono, state: SandboxState): void {
  api.get('/open-apis/im/v1/chats/:chat_id/members', (c) => {
    const chatId = c.req.param('chat_id');
    const larkError = (code: number, msg: string) => c.json({ code, msg, error: { log_id: 'sandbox' } }, 400);
    if (state.chatsWithoutBot.has(chatId)) return larkError(232011, 'Operator can NOT be out of the chat.');
    const idType = c.req.query('member_id_type') ?? 'open_id';
    const size = Number(c.req.query('page_size') ?? 20);
    if (idType !== 'open_id' || !Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) return larkError(232001, 'Your request contains an invalid request parameter.');
    const token = c.req.query('page_token');
    const start = token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
    if (!Number.isInteger(start) || start < 0) return larkError(232001, 'Your request contains an invalid request parameter.');
    const everyone = [...(state.chatMembers.get(chatId) ?? new Map<string, string>())];
    const page = everyone.slice(start, start + size);
    const next = start + size;
    const hasMore = next < everyone.length;
    return c.json({
      code: 0,
      msg: 'success',
      data: {
        items: page.map(([openId, name]) => ({ member_id_type: 'open_id', member_id: openId, name, tenant_key: 'sandbox' })),
        ...(hasMore ? { page_token: Buffer.from(String(next)).toString('base64url') } : {}),
        has_more: hasMore,
        member_total: everyone.length,
      },
    });
  });
}
