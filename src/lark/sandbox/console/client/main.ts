import { drawCharts, releaseDetachedCharts } from './charts.js';
import { formValue, keepTyped } from './form-value.js';
import { byId, postJson, showToast, texts } from './page.js';

type Person = { openId: string; name: string; role: string; school: string };
type Change = { kind: 'added' | 'updated'; chat_id: string; message_id: string } | { kind: 'clock'; now: string } | { kind: 'closed' };

const people: Person[] = JSON.parse(byId('people-data').textContent ?? '[]');
const personById = new Map(people.map((p) => [p.openId, p]));
const unread = new Map<string, number>();
let actor: string | undefined = localStorage.getItem('ducha.console.actor') ?? undefined;
let chatId: string | undefined;

const isDirect = (id: string) => id.startsWith('oc_p2p_');
const debounced = (run: () => Promise<void>, ms: number) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), ms);
  };
};

function setActor(openId: string): void {
  actor = openId;
  localStorage.setItem('ducha.console.actor', openId);
  const person = personById.get(openId);
  byId('actor-name').textContent = person ? `${person.name} · ${person.role}${person.school ? ` · ${person.school}` : ''}` : openId;
  const input = byId<HTMLInputElement>('composer-text');
  input.placeholder = person && chatId ? texts.composer(person.name, !isDirect(chatId)) : '';
}

/** Opens a chat, acting as its owner (1:1) or, in a group, as a member unless already acting as one. */
async function openChat(id: string): Promise<void> {
  chatId = id;
  const link = document.querySelector<HTMLElement>(`.chats__item[data-chat-id="${CSS.escape(id)}"]`);
  const members = (link?.dataset.members ?? '').split(' ').filter(Boolean);
  if (members.length > 0 && (isDirect(id) || !actor || !members.includes(actor))) setActor(members[0]!);
  else if (actor) setActor(actor);
  unread.delete(id);
  if (location.hash !== `#${encodeURIComponent(id)}`) history.replaceState(null, '', `#${encodeURIComponent(id)}`);
  byId('composer').hidden = false;
  // Lark's bot menu exists only in the 1:1 chat with the bot.
  byId('bot-menu').hidden = !isDirect(id);
  document.body.dataset.pane = 'chat';
  await refreshChat({ scroll: 'bottom' });
  markChats();
}

async function refreshChat(o: { scroll?: 'bottom' | 'keep' } = {}): Promise<void> {
  if (!chatId) return;
  const response = await fetch(`/sandbox/console/chats/${encodeURIComponent(chatId)}?as=${encodeURIComponent(actor ?? '')}`);
  if (!response.ok) return;
  const box = byId('chat');
  const list = box.querySelector('#messages');
  const nearBottom = !list || list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  const restore = keepTyped(box);
  box.innerHTML = await response.text();
  restore(box);
  releaseDetachedCharts();
  const next = box.querySelector('#messages');
  if (next && (o.scroll === 'bottom' || nearBottom)) next.scrollTop = next.scrollHeight;
  await drawCharts(box);
}

async function refreshChats(): Promise<void> {
  // The server narrows the list (a province's roster is too long to send whole).
  const query = new URLSearchParams({ active: chatId ?? '', q: byId<HTMLInputElement>('chat-search').value });
  const response = await fetch(`/sandbox/console/chats?${query}`);
  if (!response.ok) return;
  byId('chat-list').innerHTML = await response.text();
  markChats();
}

function markChats(): void {
  for (const link of document.querySelectorAll<HTMLElement>('.chats__item')) {
    const id = link.dataset.chatId!;
    link.classList.toggle('is-active', id === chatId);
    const badge = link.querySelector<HTMLElement>('.chats__badge')!;
    badge.hidden = !unread.get(id);
    badge.textContent = String(unread.get(id) ?? '');
  }
}

async function refreshSide(): Promise<void> {
  const response = await fetch('/sandbox/console/side');
  if (response.ok) byId('side').innerHTML = await response.text();
  const now = byId('side').querySelector('#clock-now')?.textContent;
  if (now) byId('topbar-clock').textContent = now;
}

function filterList(query: string, root: ParentNode): void {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  for (const item of root.querySelectorAll<HTMLElement>('[data-search]')) {
    const hay = item.dataset.search!.toLowerCase();
    item.closest('li')!.hidden = !words.every((w) => hay.includes(w));
  }
}

/** A press on a card: Lark's signed callback, sent by the sandbox as the person acted as. */
async function press(element: HTMLElement, value: unknown, form?: Record<string, unknown>): Promise<void> {
  const messageId = element.closest<HTMLElement>('[data-message-id]')?.dataset.messageId;
  if (!messageId || !actor) return openPeople();
  element.classList.add('is-busy');
  const result = await postJson<{ delivered?: { status: number; body?: { toast?: { type?: string; content?: string } } } }>('/sandbox/click', {
    open_id: actor,
    message_id: messageId,
    value,
    ...(form ? { form_value: form } : {}),
    wait_ms: 0,
  });
  element.classList.remove('is-busy');
  const toast = result?.delivered?.body?.toast;
  if (!result || result.delivered?.status !== 200) showToast(texts.clickFailed, 'error');
  else if (toast?.content) showToast(toast.content, toast.type ?? 'info');
  await refreshChat();
}

async function jump(at: string): Promise<void> {
  document.body.classList.add('is-ticking');
  const result = await postJson<{ message?: string; error?: string }>('/sandbox/console/jump', { at });
  document.body.classList.remove('is-ticking');
  showToast(result?.message ?? result?.error ?? texts.sendFailed, result?.message ? 'success' : 'error');
  await Promise.all([refreshSide(), refreshChats(), refreshChat()]);
}

function openPeople(): void {
  const dialog = byId<HTMLDialogElement>('people');
  dialog.showModal();
  byId<HTMLInputElement>('people-search').focus();
}

document.addEventListener('click', (event) => {
  const target = event.target as Element;
  const callback = target.closest<HTMLButtonElement>('button[data-callback]');
  if (callback && callback.type !== 'submit') {
    event.preventDefault();
    void press(callback, JSON.parse(callback.dataset.callback!));
    return;
  }
  const chat = target.closest<HTMLElement>('.chats__item');
  if (chat) {
    event.preventDefault();
    void openChat(chat.dataset.chatId!);
    return;
  }
  const person = target.closest<HTMLElement>('[data-act-as]');
  if (person) {
    setActor(person.dataset.actAs!);
    byId<HTMLDialogElement>('people').close();
    void refreshChat();
    return;
  }
  if (target.closest('[data-open-people]')) return openPeople();
  const milestone = target.closest<HTMLElement>('[data-jump]');
  if (milestone) return void jump(milestone.dataset.jump!);
  if (target.closest('[data-tick]')) {
    void postJson<{ message?: string }>('/sandbox/console/tick', {}).then((r) => {
      showToast(r?.message ?? texts.sendFailed, r?.message ? 'success' : 'error');
      return Promise.all([refreshSide(), refreshChat()]);
    });
    return;
  }
  const removeBot = target.closest<HTMLElement>('[data-remove-bot]');
  if (removeBot && actor && confirm(removeBot.dataset.confirm ?? '')) {
    void postJson('/sandbox/remove-bot', { chat_id: removeBot.dataset.removeBot, open_id: actor, wait_ms: 0 }).then(() => refreshChat());
    return;
  }
  const menuItem = target.closest<HTMLElement>('[data-menu]');
  if (menuItem && actor) {
    void postJson('/sandbox/menu', { open_id: actor, event_key: menuItem.dataset.menu, wait_ms: 0 }).then((sent) => {
      if (!sent) showToast(texts.sendFailed, 'error');
      return refreshChat({ scroll: 'bottom' });
    });
    return;
  }
  const pane = target.closest<HTMLElement>('[data-show-pane]');
  if (pane) document.body.dataset.pane = pane.dataset.showPane!;
});

document.addEventListener('submit', (event) => {
  const form = event.target as HTMLFormElement;
  if (form.classList.contains('lk-form')) {
    event.preventDefault();
    const submitter = (event.submitter as HTMLElement | null) ?? form.querySelector<HTMLElement>('[data-callback]');
    if (submitter) void press(submitter, JSON.parse(submitter.dataset.callback ?? '{}'), formValue(form));
  } else if (form.id === 'composer') {
    event.preventDefault();
    void say();
  } else if (form.id === 'new-group') {
    event.preventDefault();
    void newGroup(form);
  } else if (form.id === 'jump-form') {
    event.preventDefault();
    void jump(String(new FormData(form).get('at')));
  }
});

/** A new group with the person acted as in it, and the bot added by them: Lark's 机器人进群, which asks whose chat it is. */
async function newGroup(form: HTMLFormElement): Promise<void> {
  if (!actor) return openPeople();
  const name = String(new FormData(form).get('name') ?? '').trim();
  const chatId = `oc_console_${Date.now().toString(36)}`;
  const members = [{ open_id: actor, name: personById.get(actor)?.name ?? actor }];
  const added = await postJson('/sandbox/add-bot', { chat_id: chatId, open_id: actor, name, members, wait_ms: 0 });
  if (!added) return showToast(texts.sendFailed, 'error');
  form.reset();
  (form.closest('details') as HTMLDetailsElement | null)?.removeAttribute('open');
  await refreshChats();
  await openChat(chatId);
}

async function say(): Promise<void> {
  const input = byId<HTMLInputElement>('composer-text');
  const text = input.value.trim();
  if (!text || !chatId || !actor) return;
  input.value = '';
  const sent = await postJson('/sandbox/say', { open_id: actor, chat_id: chatId, text, wait_ms: 0 });
  if (!sent) {
    input.value = text;
    showToast(texts.sendFailed, 'error');
  }
  await refreshChat({ scroll: 'bottom' });
}

/** A photo or file from the person acted as; an image takes what is typed in the composer as its caption. */
byId<HTMLInputElement>('attach').addEventListener('change', async (event) => {
  const input = event.target as HTMLInputElement;
  const file = input.files?.[0];
  input.value = '';
  if (!file || !chatId || !actor) return;
  const kind = file.type.startsWith('image/') ? 'image' : 'file';
  const caption = kind === 'image' ? byId<HTMLInputElement>('composer-text').value.trim() : '';
  const query = new URLSearchParams({ open_id: actor, chat_id: chatId, kind, file_name: file.name, wait_ms: '0', ...(caption ? { caption } : {}) });
  const response = await fetch(`/sandbox/send-file?${query}`, { method: 'POST', body: file }).catch(() => undefined);
  if (!response?.ok) showToast(texts.sendFailed, 'error');
  else if (caption) byId<HTMLInputElement>('composer-text').value = '';
  await refreshChat({ scroll: 'bottom' });
});

byId<HTMLInputElement>('chat-search').addEventListener('input', debounced(refreshChats, 200));
byId<HTMLInputElement>('people-search').addEventListener('input', (e) => filterList((e.target as HTMLInputElement).value, byId('people')));

const chatChanged = debounced(() => refreshChat(), 150);
const listChanged = debounced(refreshChats, 400);
const sideChanged = debounced(refreshSide, 400);

/** Live: every message the sandbox adds or redraws, and every clock move, arrive here as they happen. */
function listen(): void {
  const stream = new EventSource('/sandbox/console/stream');
  stream.addEventListener('change', (event) => {
    const change = JSON.parse((event as MessageEvent<string>).data) as Change;
    if (change.kind === 'closed') return;
    if (change.kind === 'clock') return void refreshSide();
    if (change.chat_id === chatId) chatChanged();
    else if (change.kind === 'added') unread.set(change.chat_id, (unread.get(change.chat_id) ?? 0) + 1);
    listChanged();
    sideChanged();
  });
  stream.addEventListener('hello', () => document.body.classList.add('is-live'));
  stream.addEventListener('error', () => document.body.classList.remove('is-live'));
}

if (actor && personById.has(actor)) setActor(actor);
else actor = undefined;
listen();
void refreshSide();
const fromHash = decodeURIComponent(location.hash.slice(1));
if (fromHash) void openChat(fromHash);
