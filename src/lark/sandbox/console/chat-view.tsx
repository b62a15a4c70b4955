import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { consoleTexts as t } from '../../../texts/console-texts.js';
import { isP2pChatId, type SandboxMessage } from '../sandbox-state.js';
import { renderCard } from './card-view.js';
import type { ConsoleChat } from './console-chats.js';
import type { ConsolePerson } from './console-sources.js';
import { localTime } from './local-time.js';

type Props = { chat: ConsoleChat; messages: readonly SandboxMessage[]; people: ReadonlyMap<string, ConsolePerson>; actor: string | undefined; timezone: string };

/**
 * One chat as Lark shows it: messages in order, each with who sent it and when, and the replies
 * to a message gathered under it as a thread. Cards are drawn by card-view.
 */
export function ChatView(p: Props) {
  const ids = new Set(p.messages.map((m) => m.message_id));
  const replies = new Map<string, SandboxMessage[]>();
  const roots: SandboxMessage[] = [];
  for (const m of p.messages) {
    if (m.parent_id && ids.has(m.parent_id)) replies.set(m.parent_id, [...(replies.get(m.parent_id) ?? []), m]);
    else roots.push(m);
  }
  return (
    <section class="chat" data-chat-id={p.chat.chatId}>
      <header class="chat__header">
        <div>
          <h2>{p.chat.title}</h2>
          <p>{p.chat.subtitle}</p>
        </div>
        {p.chat.kind === 'group' ? (
          <button type="button" class="chat__remove-bot" data-remove-bot={p.chat.chatId} data-confirm={t.removeBotConfirm(p.chat.title)}>
            {t.removeBot}
          </button>
        ) : null}
      </header>
      <div class="chat__messages" id="messages">
        {roots.length === 0 ? <p class="chat__empty">{t.noMessages}</p> : null}
        {roots.map((m) => (
          <div class="thread">
            <Message m={m} {...p} />
            {(replies.get(m.message_id)?.length ?? 0) > 0 ? (
              <div class="thread__replies" aria-label={t.replyIn(replies.get(m.message_id)!.length)}>
                {replies.get(m.message_id)!.map((r) => (
                  <Message m={r} {...p} />
                ))}
              </div>
            ) : null}
          </div>
        ))}
      </div>
    </section>
  );
}

function Message(p: Props & { m: SandboxMessage }) {
  const { m } = p;
  const person = m.sender.type === 'user' ? p.people.get(m.sender.open_id) : undefined;
  const name = m.sender.type === 'bot' ? t.bot : (person?.name ?? t.unknownPerson);
  const mine = m.sender.type === 'user' && m.sender.open_id === p.actor;
  const role = person ? (t.roles[person.role] ?? person.role) : '';
  return (
    <article class={`msg${mine ? ' msg--mine' : ''}${m.sender.type === 'bot' ? ' msg--bot' : ''}`} data-message-id={m.message_id}>
      <div class="msg__avatar" aria-hidden="true">{m.sender.type === 'bot' ? '督' : name.slice(-2)}</div>
      <div class="msg__main">
        <div class="msg__meta">
          <span class="msg__name">{name}</span>
          {role && !isP2pChatId(p.chat.chatId) ? <span class="msg__role">{role}</span> : null}
          <time>{localTime(new Date(Number(m.create_time)), p.timezone)}</time>
          {m.updated ? <span class="msg__updated">{t.updated}</span> : null}
        </div>
        <MessageBody m={m} people={p.people} timezone={p.timezone} />
      </div>
    </article>
  );
}

function MessageBody({ m, people, timezone }: { m: SandboxMessage; people: ReadonlyMap<string, ConsolePerson>; timezone: string }) {
  const content = (m.content ?? {}) as Record<string, unknown>;
  switch (m.msg_type) {
    case 'interactive':
      return <div class="msg__card">{raw(renderCard(m.content, { nameOf: (id) => people.get(id)?.name, timezone }).html)}</div>;
    case 'file': {
      const key = encodeURIComponent(String(content.file_key ?? ''));
      // The bot's files were uploaded to Lark (im.file.create); a person's are message resources.
      const href = m.sender.type === 'bot' ? `/sandbox/files/${key}` : `/sandbox/console/resources/${encodeURIComponent(m.message_id)}/${key}`;
      const kind = /\.([A-Za-z0-9]{1,4})$/.exec(m.file_name ?? '')?.[1]?.toUpperCase() ?? t.file;
      return (
        <a class="msg__file" href={href} download={m.file_name ?? ''}>
          <span class="msg__file-icon">{kind}</span>
          <span>{m.file_name ?? t.file}</span>
          <span class="msg__file-action">{t.download}</span>
        </a>
      );
    }
    case 'image':
      return <Picture m={m} imageKey={String(content.image_key ?? '')} />;
    case 'post':
      return <Post m={m} content={content} />;
    default:
      return <p class="msg__text">{textWithMentions(String(content.text ?? m.text), m.mentions ?? [])}</p>;
  }
}

const Picture = ({ m, imageKey }: { m: SandboxMessage; imageKey: string }) => (
  <img class="msg__image" alt={t.image} src={`/sandbox/console/resources/${encodeURIComponent(m.message_id)}/${encodeURIComponent(imageKey)}`} />
);

/** A photo with a caption, as Lark sends it: a post of an image line and a text line. */
function Post({ m, content }: { m: SandboxMessage; content: Record<string, unknown> }) {
  const lines = Array.isArray(content.content) ? (content.content as unknown[][]) : [];
  return (
    <div class="msg__post">
      {lines.flat().map((node) => {
        const n = (node ?? {}) as Record<string, unknown>;
        if (n.tag === 'img') return <Picture m={m} imageKey={String(n.image_key ?? '')} />;
        return <p class="msg__text">{String(n.text ?? '')}</p>;
      })}
    </div>
  );
}

const MENTION = /<at user_id="([^"]*)">([^<]*)<\/at>|@_user_\d+/g;

/** A text message's mentions as Lark draws them: `<at user_id>` in what the bot sends, `@_user_N` placeholders in what people send. */
function textWithMentions(text: string, mentions: readonly { key: string; name: string }[]): Child[] {
  const out: Child[] = [];
  let last = 0;
  for (const match of text.matchAll(MENTION)) {
    out.push(text.slice(last, match.index));
    const name = match[2] ?? mentions.find((x) => x.key === match[0])?.name ?? match[0];
    out.push(<span class="mention">@{name}</span>);
    last = match.index + match[0].length;
  }
  out.push(text.slice(last));
  return out;
}
