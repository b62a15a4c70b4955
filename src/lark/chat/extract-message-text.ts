import { MAX_JSON_DEPTH, nestsDeeperThan } from '../json-depth.js';
import { storableText } from '../storable-payload.js';

/**
 * The text a person typed, from a text or rich-text (post) message; undefined for anything else,
 * a post nested deeper than Lark's own included (answered as unsupported, never walked).
 * `content` is JSON inside a string, so escapes in it (\u0000, a lone \ud800) only become
 * characters here: they are made storable here too.
 */
export function extractMessageText(messageType: string | undefined, content: string | undefined): string | undefined {
  const text = readMessageText(messageType, content);
  return text === undefined ? undefined : storableText(text);
}

function readMessageText(messageType: string | undefined, content: string | undefined): string | undefined {
  if (!content || typeof content !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return undefined;
  }
  // `"null"`, `"5"` or `"[…]"` parse too, but carry no text.
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  if (messageType === 'text') {
    const text = (parsed as { text?: unknown }).text;
    return typeof text === 'string' ? text : undefined;
  }
  if (messageType === 'post') return nestsDeeperThan(parsed, MAX_JSON_DEPTH) ? undefined : postText(parsed);
  return undefined;
}

/** The text and md runs of a post's content, in reading order (a stack of its own, no recursion). */
function postText(content: object): string {
  const parts: string[] = [];
  const pending: unknown[] = [content];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!node || typeof node !== 'object') continue;
    const n = node as Record<string, unknown>;
    if (!Array.isArray(node) && (n.tag === 'text' || n.tag === 'md') && typeof n.text === 'string') parts.push(n.text);
    // Pushed last to first, so the first is read next (no spread: a row may hold more items than a call takes arguments).
    const inner = Array.isArray(node) ? node : Object.values(n);
    for (let i = inner.length - 1; i >= 0; i--) pending.push(inner[i]);
  }
  return parts.join(' ');
}
