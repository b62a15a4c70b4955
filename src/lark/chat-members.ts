import type * as lark from '@larksuiteoapi/node-sdk';

export type ChatMember = { openId: string; name: string };

/** Lark's largest page of chat members (获取群成员列表: page_size 最大值 100). */
const PAGE_SIZE = 100;
/** 5,000 people: far more than a school chat holds; a runaway page_token loop stops here. */
const MAX_PAGES = 50;

/**
 * Everyone in a group chat the bot is in, as Lark names them (bots are never listed), page by page
 * (`GET /open-apis/im/v1/chats/:chat_id/members`). Throws when Lark refuses (the bot not in the chat: 232011).
 */
export async function listChatMembers(client: lark.Client, chatId: string): Promise<ChatMember[]> {
  const members = new Map<string, ChatMember>();
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await client.im.chatMembers.get({
      path: { chat_id: chatId },
      params: { member_id_type: 'open_id', page_size: PAGE_SIZE, ...(pageToken ? { page_token: pageToken } : {}) },
    });
    if (res.code !== 0) throw new Error(`im.chatMembers.get answered code ${String(res.code)}`);
    for (const item of res.data?.items ?? []) {
      if (item.member_id && !members.has(item.member_id)) members.set(item.member_id, { openId: item.member_id, name: item.name ?? '' });
    }
    if (!res.data?.has_more || !res.data.page_token) break;
    pageToken = res.data.page_token;
  }
  return [...members.values()];
}
