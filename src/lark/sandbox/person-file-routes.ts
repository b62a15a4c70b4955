import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { buildEnvelope, deliverEnvelope } from './deliver-event.js';
import { isP2pChatId, p2pChatIdFor, type SandboxMessage, type SandboxState } from './sandbox-state.js';

/** Lark serves message resources up to 100 MB. */
const MAX_RESOURCE_BYTES = 100 * 1024 * 1024;

const larkError = (c: Context, status: 400 | 404, code: number, msg: string) => c.json({ code, msg, error: { log_id: 'sandbox' } }, status);

/**
 * A person sends a photo or file: `POST /sandbox/send-file?open_id=…&kind=image|file&file_name=…`
 * (`&caption=…`: a photo with a caption, which Lark sends as a post)
 * with the bytes as the body (`curl --data-binary @photo.jpg`), in their 1:1 chat unless `chat_id`
 * names a group. The sandbox keeps the bytes and delivers im.message.receive_v1 as Lark does
 * (`{"image_key"}` or `{"file_key","file_name"}`); answers the message id and the bot's replies.
 */
export function createPersonFileRoutes(state: SandboxState): Hono {
  const routes = new Hono();
  routes.post('/sandbox/send-file', async (c) => {
    const { open_id: openId, kind, file_name: fileName, chat_id, wait_ms, caption } = c.req.query();
    if (!openId || (kind !== 'image' && kind !== 'file') || (kind === 'file' && !fileName)) {
      return c.json({ error: 'expected ?open_id=…&kind=image|file&file_name=… (file_name for a file) and the bytes as the body' }, 400);
    }
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length > MAX_RESOURCE_BYTES) return c.json({ error: 'over 100 MB' }, 413);
    const chatId = chat_id || p2pChatIdFor(openId);
    const key = `${kind === 'image' ? 'img' : 'file'}_v3_sandbox_${randomBytes(12).toString('hex')}`;
    // A photo with a caption is a post, as Lark sends one: the image, then the text.
    const asPost = kind === 'image' && caption !== undefined && caption !== '';
    const content = asPost
      ? { title: '', content: [[{ tag: 'img', image_key: key }], [{ tag: 'text', text: caption }]] }
      : kind === 'image'
        ? { image_key: key }
        : { file_key: key, file_name: fileName };
    const sent = state.add({
      chat_id: chatId,
      chat_type: isP2pChatId(chatId) ? 'p2p' : 'group',
      msg_type: asPost ? 'post' : kind,
      content,
      text: asPost ? `[图片] ${caption}` : kind === 'image' ? '[图片]' : `[文件] ${fileName}`,
      ...(kind === 'file' ? { file_name: fileName! } : {}),
      receive_id_type: null,
      receive_id: null,
      parent_id: null,
      uuid: null,
      sender: { type: 'user', open_id: openId },
    });
    state.resources.set(`${sent.message_id}/${key}`, { message_id: sent.message_id, key, type: kind, file_name: fileName ?? null, bytes });
    const envelope = buildEnvelope(state, 'im.message.receive_v1', {
      sender: { sender_id: { open_id: openId, union_id: `on_${openId}` }, sender_type: 'user', tenant_key: 'sandbox' },
      message: {
        message_id: sent.message_id,
        create_time: sent.create_time,
        update_time: sent.create_time,
        chat_id: chatId,
        chat_type: sent.chat_type,
        message_type: asPost ? 'post' : kind,
        content: JSON.stringify(content),
      },
    });
    const delivered = await deliverEnvelope(state, '/lark/events', envelope);
    const replies = await repliesTo(state, sent, Number(wait_ms ?? 3000) || 0);
    return c.json({ message_id: sent.message_id, key, event_id: envelope.header.event_id, envelope, delivered, replies });
  });
  return routes;
}

/**
 * Lark's message-resource download, `GET /open-apis/im/v1/messages/:message_id/resources/:file_key?type=image|file`:
 * the bytes of a photo or file a person sent, for the bot (behind the tenant token, like the rest of /open-apis/im).
 */
export function addResourceRoutes(api: Hono, state: SandboxState): void {
  api.get('/open-apis/im/v1/messages/:message_id/resources/:file_key', (c) => {
    state.resourceRequests++;
    const type = c.req.query('type');
    if (type !== 'image' && type !== 'file') return larkError(c, 400, 234001, 'Invalid request param: type.');
    const resource = state.resources.get(`${c.req.param('message_id')}/${c.req.param('file_key')}`);
    if (!resource) return larkError(c, 404, 234003, 'File not in msg.');
    if (resource.type !== type) return larkError(c, 400, 234001, 'Invalid request param: type does not match the resource.');
    return c.body(resource.bytes.slice().buffer as ArrayBuffer, 200, {
      'content-type': 'application/octet-stream',
      'content-length': String(resource.bytes.length),
      ...(resource.file_name ? { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(resource.file_name)}` } : {}),
    });
  });
}

/**
 * Lark's read of one message, `GET /open-apis/im/v1/messages/:message_id` (im:message): its type,
 * chat, sender and content as a JSON string, in `data.items` — how the bot learns which file a
 * person's reply answers (the event carries only the parent's id).
 */
export function addMessageReadRoute(api: Hono, state: SandboxState): void {
  api.get('/open-apis/im/v1/messages/:message_id', (c) => {
    const m = state.find(c.req.param('message_id'));
    if (!m) return larkError(c, 400, 230001, 'Invalid request param: message_id.');
    const sender =
      m.sender.type === 'bot'
        ? { id: state.settings.appId, id_type: 'app_id', sender_type: 'app', tenant_key: 'sandbox' }
        : { id: m.sender.open_id, id_type: 'open_id', sender_type: 'user', tenant_key: 'sandbox' };
    const item = {
      message_id: m.message_id,
      ...(m.parent_id ? { root_id: m.parent_id, parent_id: m.parent_id } : {}),
      msg_type: m.msg_type,
      create_time: m.create_time,
      update_time: m.create_time,
      deleted: false,
      updated: m.updated,
      chat_id: m.chat_id,
      sender,
      body: { content: JSON.stringify(m.content) },
    };
    return c.json({ code: 0, msg: 'success', data: { items: [item] } });
  });
}

/** The bot's replies to the message, waiting up to `ms` for the first. */
async function repliesTo(state: SandboxState, sent: SandboxMessage, ms: number): Promise<SandboxMessage[]> {
  const found = () => state.botMessages().filter((m) => m.parent_id === sent.message_id);
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && found().length === 0) await new Promise((r) => setTimeout(r, 25));
  return found();
}
