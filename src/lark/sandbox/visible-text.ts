/** What a person would read in a message, flattened to one string (cards: every text it shows). */
export function visibleText(msgType: string, content: unknown, fileName?: string): string {
  if (msgType === 'text') return String((content as { text?: unknown }).text ?? '');
  // A file message shows as its name; what is inside is read with GET /sandbox/files/:file_key.
  if (msgType === 'file') return `[文件] ${fileName ?? ''}`;
  const parts: string[] = [];
  collect(content, parts);
  return parts.join('\n');
}

function collect(node: unknown, parts: string[]): void {
  if (Array.isArray(node)) {
    for (const child of node) collect(child, parts);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (record.tag === 'plain_text' && typeof record.content === 'string') parts.push(record.content);
  if ((record.tag === 'markdown' || record.tag === 'lark_md') && typeof record.content === 'string') parts.push(decodeEntities(record.content));
  for (const [key, value] of Object.entries(record)) {
    if (key !== 'behaviors' && key !== 'value') collect(value, parts);
  }
}

/** Lark shows `&#60;` in card markdown as `<` (how cards escape names, lark/cards/escape-markdown.ts). */
const decodeEntities = (markdown: string) =>
  markdown.replace(/&#(\d{1,7});/g, (entity, n: string) => (Number(n) <= 0x10ffff ? String.fromCodePoint(Number(n)) : entity));
