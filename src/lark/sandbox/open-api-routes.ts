import { Hono, type Context } from 'hono';
import { droppedAnswer, playFault, takeFault, type FaultResponse } from './fault-plan.js';
import { addContactRoutes } from './contact-routes.js';
import { addFileRoutes } from './file-routes.js';
import { addMessageReadRoute, addResourceRoutes } from './person-file-routes.js';
import { addChatMembersApi } from './chat-member-routes.js';
import { isP2pChatId, p2pChatIdFor, SANDBOX_BOT_NAME, SANDBOX_BOT_OPEN_ID, type SandboxState } from './sandbox-state.js';
import { visibleText } from './visible-text.js';
import { SANDBOX_CREDENTIALS } from './sandbox-credentials.js';

const larkError = (c: Context, status: 400 | 401 | 404, code: number, msg: string) =>
  c.json({ code, msg, error: { log_id: 'sandbox' } }, status);

/** The subset of Lark's Open API Ducha uses, answering as Lark does (codes, shapes, uuid dedup). */
export function createOpenApiRoutes(state: SandboxState): Hono {
  const api = new Hono();

  api.post('/open-apis/auth/v3/tenant_access_token/internal', async (c) => {
    const body = await c.req.json().catch(() => ({}));
    if (body.app_id !== state.settings.appId || body.app_secret !== state.settings.appSecret) {
      return c.json({ code: 10014, msg: 'app secret invalid' });
    }
    return c.json({ code: 0, msg: 'ok', tenant_access_token: state.issueToken(), expire: 7200 });
  });

  const requireTenantToken = async (c: Context, next: () => Promise<void>) => {
    const token = c.req.header('authorization')?.replace(/^Bearer /, '');
    if (!token || !state.tokens.has(token)) return larkError(c, 400, 99991663, 'Invalid access token for authorization.');
    await next();
  };
  api.use('/open-apis/im/*', requireTenantToken);
  api.use('/open-apis/interactive/*', requireTenantToken);
  api.use('/open-apis/bot/*', requireTenantToken);
  api.use('/open-apis/contact/*', requireTenantToken);

  // Who the bot is: its open_id is what group messages' `mentions` carry when they @ it.
  api.get('/open-apis/bot/v3/info', (c) => {
    state.botInfoRequests++;
    if (state.botInfoOutages > 0) {
      state.botInfoOutages--;
      return c.json({ code: 99991400, msg: 'sandbox: planned outage', error: { log_id: 'sandbox' } }, 500);
    }
    const bot = { activate_status: 2, app_name: SANDBOX_BOT_NAME, avatar_url: '', ip_white_list: [], open_id: SANDBOX_BOT_OPEN_ID };
    return c.json({ code: 0, msg: 'ok', bot });
  });

  addFileRoutes(api, state);
  addContactRoutes(api, state);
  addResourceRoutes(api, state);
  addMessageReadRoute(api, state);
  addChatMembersApi(api, state);

  api.post('/open-apis/im/v1/messages', async (c) => {
    const idType = c.req.query('receive_id_type');
    const body = await c.req.json().catch(() => undefined);
    if (idType !== 'chat_id' && idType !== 'open_id') return larkError(c, 400, 230001, 'invalid receive_id_type');
    if (!body || typeof body.receive_id !== 'string' || !body.receive_id) return larkError(c, 400, 230001, 'invalid receive_id');
    const content = parseContent(state, body.msg_type, body.content);
    if (!content.ok) return larkError(c, 400, 230001, `invalid message content: ${content.reason}`);
    const uuid = typeof body.uuid === 'string' ? body.uuid : null;
    const chatId = idType === 'chat_id' ? body.receive_id : p2pChatIdFor(body.receive_id);
    const { refused, fault } = await arrive(state, c, { uuid, receiveId: body.receive_id, chatId, target: idType === 'open_id' ? `user:${body.receive_id}` : `chat:${chatId}`, api: 'create' });
    if (refused) return refused;
    if (idType === 'chat_id' && state.chatsWithoutBot.has(body.receive_id)) {
      return larkError(c, 400, 230002, 'The bot can not be outside the group.');
    }
    const existing = uuid ? state.findByUuid(uuid) : undefined;
    const message =
      existing ??
      state.add({
        chat_id: chatId,
        chat_type: idType === 'open_id' || isP2pChatId(body.receive_id) ? 'p2p' : 'group',
        msg_type: body.msg_type,
        content: content.value,
        text: visibleText(body.msg_type, content.value, content.fileName),
        ...(content.fileName !== undefined ? { file_name: content.fileName } : {}),
        receive_id_type: idType,
        receive_id: body.receive_id,
        parent_id: null,
        uuid,
        sender: { type: 'bot' },
      });
    return answerLost(fault) ? droppedAnswer() : c.json({ code: 0, msg: 'success', data: messageData(message) });
  });

  api.post('/open-apis/im/v1/messages/:message_id/reply', async (c) => {
    const parent = state.find(c.req.param('message_id'));
    if (!parent) return larkError(c, 400, 230011, 'The message was withdrawn or does not exist.');
    const body = await c.req.json().catch(() => undefined);
    const content = parseContent(state, body?.msg_type, body?.content);
    if (!content.ok) return larkError(c, 400, 230001, `invalid message content: ${content.reason}`);
    const uuid = typeof body.uuid === 'string' ? body.uuid : null;
    const { refused, fault } = await arrive(state, c, { uuid, receiveId: null, chatId: parent.chat_id, target: `chat:${parent.chat_id}`, api: 'reply' });
    if (refused) return refused;
    if (state.chatsWithoutBot.has(parent.chat_id)) return larkError(c, 400, 230002, 'The bot can not be outside the group.');
    const message =
      (uuid ? state.findByUuid(uuid) : undefined) ??
      state.add({
        chat_id: parent.chat_id,
        chat_type: parent.chat_type,
        msg_type: body.msg_type,
        content: content.value,
        text: visibleText(body.msg_type, content.value, content.fileName),
        ...(content.fileName !== undefined ? { file_name: content.fileName } : {}),
        receive_id_type: null,
        receive_id: null,
        parent_id: parent.message_id,
        uuid,
        sender: { type: 'bot' },
      });
    return answerLost(fault) ? droppedAnswer() : c.json({ code: 0, msg: 'success', data: messageData(message) });
  });

  api.patch('/open-apis/im/v1/messages/:message_id', async (c) => {
    const message = state.find(c.req.param('message_id'));
    if (!message || message.sender.type !== 'bot') return larkError(c, 400, 230011, 'The message was withdrawn or does not exist.');
    const body = await c.req.json().catch(() => undefined);
    const content = parseContent(state, 'interactive', body?.content);
    if (!content.ok) return larkError(c, 400, 230099, `Failed to create card content: ${content.reason}`);
    state.redraw(message, content.value, visibleText('interactive', content.value));
    return c.json({ code: 0, msg: 'success', data: {} });
  });

  return api;
}

/**
 * A send or reply reaches "Lark": counted per uuid and in the rate monitor (Lark counts every
 * request, refused ones too), then any planned fault is played. Returns the refusal, if any.
 */
async function arrive(
  state: SandboxState,
  c: Context,
  request: { uuid: string | null; receiveId: string | null; chatId: string; target: string; api: 'create' | 'reply' },
): Promise<{ refused?: Response; fault?: FaultResponse }> {
  if (request.uuid) state.sendRequests.set(request.uuid, (state.sendRequests.get(request.uuid) ?? 0) + 1);
  state.rateMonitor.record(request.target, request.api);
  const fault = takeFault(state.faults, { ...request, api: 'send' });
  if (!fault) return {};
  return { refused: await playFault(c, fault), fault };
}

const answerLost = (fault: FaultResponse | undefined) => fault !== undefined && 'drop' in fault && fault.drop === 'after-accepting';

function parseContent(state: SandboxState, msgType: unknown, content: unknown): { ok: true; value: unknown; fileName?: string } | { ok: false; reason: string } {
  if (msgType !== 'text' && msgType !== 'interactive' && msgType !== 'post' && msgType !== 'file') return { ok: false, reason: 'unsupported msg_type' };
  if (typeof content !== 'string') return { ok: false, reason: 'content must be a JSON string' };
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    return { ok: false, reason: 'content is not JSON' };
  }
  if (!value || typeof value !== 'object') return { ok: false, reason: 'content must be an object' };
  if (msgType === 'text' && typeof (value as { text?: unknown }).text !== 'string') return { ok: false, reason: 'text missing' };
  if (Buffer.byteLength(content) > 30 * 1024 && msgType !== 'text') return { ok: false, reason: 'content over 30 KB' };
  if (msgType === 'file') {
    // Lark sends only a file it holds: one uploaded with im.file.create.
    const file = state.files.get(String((value as { file_key?: unknown }).file_key));
    return file ? { ok: true, value, fileName: file.file_name } : { ok: false, reason: 'unknown file_key' };
  }
  return { ok: true, value };
}

function messageData(m: { message_id: string; chat_id: string; msg_type: string; parent_id: string | null; create_time: string }) {
  return {
    message_id: m.message_id,
    chat_id: m.chat_id,
    msg_type: m.msg_type,
    parent_id: m.parent_id ?? undefined,
    root_id: m.parent_id ?? undefined,
    create_time: m.create_time,
    update_time: m.create_time,
    deleted: false,
    updated: false,
    sender: { id: SANDBOX_CREDENTIALS.appId, id_type: 'app_id', sender_type: 'app', tenant_key: 'sandbox' },
  };
}
