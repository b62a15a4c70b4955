import { raw } from 'hono/html';
import { consoleTexts as t } from '../../../texts/console-texts.js';
import { cardStyles } from './card-styles.js';
import type { ConsoleChat } from './console-chats.js';
import type { ConsolePerson } from './console-sources.js';
import { consoleStyles } from './console-styles.js';
import { localTime } from './local-time.js';

/**
 * The console's one page: chats on the left, the open chat in the middle with a composer that
 * speaks as the chosen person, the clock and outbox on the right. The client script fills the
 * panes from the fragments below and keeps them live.
 */
export function ConsolePage(p: { people: readonly ConsolePerson[]; chats: readonly ConsoleChat[]; now: Date; timezone: string }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{t.title}</title>
        <link rel="icon" href="data:," />
        <style>{raw(consoleStyles + cardStyles)}</style>
      </head>
      <body data-pane="chats">
        <header class="topbar">
          <div class="topbar__brand">
            <strong>{t.title}</strong>
            <span>{t.subtitle}</span>
          </div>
          <button type="button" class="actor" id="actor" data-open-people>
            <span class="actor__label">{t.actAs}</span>
            <span class="actor__name" id="actor-name">{t.pickPerson}</span>
          </button>
          <span class="topbar__clock" id="topbar-clock">{localTime(p.now, p.timezone)}</span>
        </header>
        <nav class="tabs" aria-label="panes">
          <button type="button" data-show-pane="chats">{t.tabs.chats}</button>
          <button type="button" data-show-pane="chat">{t.tabs.chat}</button>
          <button type="button" data-show-pane="side">{t.tabs.side}</button>
        </nav>
        <main class="layout">
          <aside class="pane pane--chats">
            <input class="search" type="search" id="chat-search" placeholder={t.searchChats} autocomplete="off" />
            <details class="new-group">
              <summary>＋ {t.newGroup}</summary>
              <form id="new-group">
                <input class="search" name="name" required maxlength={60} placeholder={t.newGroupName} autocomplete="off" />
                <button type="submit" class="lk-btn lk-btn--primary_filled">{t.newGroupCreate}</button>
              </form>
            </details>
            <div id="chat-list">
              <ChatList chats={p.chats} active={undefined} />
            </div>
          </aside>
          <section class="pane pane--chat">
            <div id="chat">
              <p class="chat__empty chat__empty--page">{t.pickAChat}</p>
            </div>
            <nav class="bot-menu" id="bot-menu" aria-label={t.menuTitle} hidden>
              {t.menu.map((item) => (
                <button type="button" data-menu={item.key}>
                  {item.label}
                </button>
              ))}
            </nav>
            <form class="composer" id="composer" hidden>
              <label class="composer__attach" title={t.attach}>
                <span aria-hidden="true">＋</span>
                <input type="file" id="attach" hidden />
              </label>
              <input class="composer__text" name="text" id="composer-text" autocomplete="off" />
              <button type="submit" class="composer__send">{t.send}</button>
            </form>
          </section>
          <aside class="pane pane--side" id="side"></aside>
        </main>
        <dialog id="people" class="people">
          <form method="dialog" class="people__head">
            <input class="search" type="search" id="people-search" placeholder={t.searchPeople} autocomplete="off" />
            <button type="submit" class="people__close" aria-label="关闭">×</button>
          </form>
          <ul class="people__list">
            {p.people.map((person) => (
              <PersonItem person={person} />
            ))}
          </ul>
        </dialog>
        <div class="toasts" id="toasts" aria-live="polite"></div>
        <script type="application/json" id="people-data">
          {raw(JSON.stringify(p.people.map((x) => ({ openId: x.openId, name: x.name, role: t.roles[x.role] ?? x.role, school: x.school ?? x.town ?? '' }))).replace(/</g, '\\u003c'))}
        </script>
        <script type="application/json" id="console-texts">
          {raw(JSON.stringify({ composerGroup: t.composerPlaceholder('{name}', true), composerDirect: t.composerPlaceholder('{name}', false), clickFailed: t.clickFailed, sendFailed: t.sendFailed }))}
        </script>
        <script type="module" src="/sandbox/console/app.js"></script>
      </body>
    </html>
  );
}

function PersonItem({ person }: { person: ConsolePerson }) {
  const role = t.roles[person.role] ?? person.role;
  const where = person.school ?? person.town ?? '';
  return (
    <li>
      <button type="button" data-act-as={person.openId} data-search={`${person.name} ${role} ${where}`}>
        <span class="people__name">{person.name}</span>
        <span class={`role role--${person.role}`}>{role}</span>
        <span class="people__where">{where}</span>
      </button>
    </li>
  );
}

/** 1:1 chats listed at once: a county's hundreds fit, a province's thousands are found by searching. */
const DIRECT_CHATS_SHOWN = 150;

/**
 * The chat list: groups first, then the 1:1 chats with the bot — those with messages first,
 * newest first, then the rest of the roster, at most DIRECT_CHATS_SHOWN of them — narrowed to
 * those matching every word of `query`.
 */
export function ChatList({ chats, active, query = '' }: { chats: readonly ConsoleChat[]; active: string | undefined; query?: string }) {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const matching = chats.filter((c) => c.chatId === active || words.every((w) => c.search.toLowerCase().includes(w)));
  const direct = matching.filter((c) => c.kind === 'p2p');
  const lastAt = (c: ConsoleChat) => Number(c.last?.create_time ?? 0);
  const shownDirect = [...direct.filter((c) => c.last).sort((a, b) => lastAt(b) - lastAt(a)), ...direct.filter((c) => !c.last)].slice(0, DIRECT_CHATS_SHOWN);
  const section = (title: string, list: readonly ConsoleChat[]) => (
    <section class="chats">
      <h3>{title}</h3>
      <ul>
        {list.map((c) => (
          <li>
            <a
              href={`#${encodeURIComponent(c.chatId)}`}
              class={`chats__item${c.chatId === active ? ' is-active' : ''}`}
              data-chat-id={c.chatId}
              data-members={c.members.join(' ')}
              data-search={c.search}
            >
              <span class="chats__title">{c.title}</span>
              <span class="chats__subtitle">{c.last ? lastLine(c.last.text) : c.subtitle}</span>
              <span class="chats__badge" hidden></span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
  return (
    <>
      {section(t.groups, matching.filter((c) => c.kind === 'group'))}
      {section(t.directChats, shownDirect)}
      {direct.length > shownDirect.length ? <p class="chats__more">{t.moreDirectChats(direct.length - shownDirect.length)}</p> : null}
    </>
  );
}

/** A chat's latest message in one line, as the list previews it: markdown's marks left out. */
const lastLine = (text: string) =>
  text
    .replace(/<[^>]*>|\*\*|~~/g, '')
    .replace(/\s+/g, ' ')
    .slice(0, 40);
