/**
 * How deeply JSON may nest before Ducha refuses to walk it. Lark's envelopes and rich-text
 * contents nest fewer than 10 levels; anything near this bound is not Lark's, and anything far
 * beyond it would overflow the stack of a recursive walk (ours, JSON.stringify's, a driver's).
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether a parsed JSON value nests more than `limit` levels of objects and arrays (`{}` and `[]`
 * are one level, a string or number none). Walked with a stack of its own, so no input can
 * overflow it, and it stops at the first node too deep.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { node, depth } = next;
    if (!node || typeof node !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const inner of Array.isArray(node) ? node : Object.values(node)) {
      if (inner && typeof inner === 'object') pending.push({ node: inner, depth: depth + 1 });
    }
  }
  return false;
}
