/** What a person would read in a message, flattened to one string (cards: every text it shows). */
export function visibleText(msgType: string, content: unknown): string {
  if (msgType === 'text') return String((content as { text?: unknown }).text ?? '');
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
  if ((record.tag === 'plain_text' || record.tag === 'markdown' || record.tag === 'lark_md') && typeof record.content === 'string') {
    parts.push(record.content);
  }
  for (const [key, value] of Object.entries(record)) {
    if (key !== 'behaviors' && key !== 'value') collect(value, parts);
  }
}
