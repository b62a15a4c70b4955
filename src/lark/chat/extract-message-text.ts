import { storableText } from '../storable-payload.js';

/**
 * The text a person typed, from a text or rich-text (post) message; undefined for anything else.
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
  if (messageType === 'post') {
    const parts: string[] = [];
    const visit = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node && typeof node === 'object') {
        const n = node as Record<string, unknown>;
        if ((n.tag === 'text' || n.tag === 'md') && typeof n.text === 'string') parts.push(n.text);
        Object.values(n).forEach(visit);
      }
    };
    visit(parsed);
    return parts.join(' ');
  }
  return undefined;
}
