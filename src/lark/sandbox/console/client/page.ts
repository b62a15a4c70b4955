/** The page's words the script shows itself (the server renders the rest), from the JSON the page carries. */
type Texts = { composerGroup: string; composerDirect: string; clickFailed: string; sendFailed: string };
const words: Texts = JSON.parse(document.getElementById('console-texts')?.textContent ?? '{}');

export const texts = {
  composer: (name: string, group: boolean) => (group ? words.composerGroup : words.composerDirect).replace('{name}', name),
  clickFailed: words.clickFailed,
  sendFailed: words.sendFailed,
};

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}

/** POSTs JSON; the answer's JSON, or undefined when the request failed. */
export async function postJson<T = unknown>(url: string, body: unknown): Promise<T | undefined> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer = (await response.json().catch(() => ({}))) as T;
    return response.ok ? answer : { ...answer, failed: response.status };
  } catch {
    return undefined;
  }
}

/** A toast as Lark shows one: a short line at the top that fades. */
export function showToast(content: string, type: string): void {
  const toast = document.createElement('div');
  toast.className = `toast toast--${type}`;
  toast.setAttribute('role', 'status');
  toast.textContent = content;
  byId('toasts').append(toast);
  setTimeout(() => toast.classList.add('is-leaving'), 3200);
  setTimeout(() => toast.remove(), 3600);
}
