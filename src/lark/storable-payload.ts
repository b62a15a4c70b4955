/**
 * A decrypted envelope made fit for Postgres: text and jsonb hold neither U+0000 nor unpaired
 * UTF-16 surrogates, and either one inside a person's message would make storing the event fail.
 * NUL is dropped (a control character nobody means to type); a lone surrogate becomes U+FFFD.
 * Everything after the webhook's door reads this copy, so what is stored and what is handled agree.
 *
 * The copy is made with a stack of its own (no recursion, so no nesting overflows it; the door
 * bounds nesting anyway, see json-depth.ts), and every key is defined, never assigned: a
 * `__proto__` key that JSON.parse made is kept as data, not turned into the copy's prototype.
 */
export function storablePayload<T>(value: T): T {
  const pending: { from: object; into: unknown[] | Record<string, unknown> }[] = [];
  const take = (inner: unknown): unknown => {
    if (typeof inner === 'string') return storableText(inner);
    if (!inner || typeof inner !== 'object') return inner;
    const into = Array.isArray(inner) ? [] : {};
    pending.push({ from: inner, into });
    return into;
  };
  const copy = take(value);
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { from, into } = next;
    if (Array.isArray(into)) {
      for (const inner of from as unknown[]) into.push(take(inner));
    } else {
      for (const [key, inner] of Object.entries(from)) defineKey(into, storableText(key), take(inner));
    }
  }
  return copy as T;
}

/** `object[key] = value`, except that `__proto__` becomes a key like any other. */
function defineKey(object: Record<string, unknown>, key: string, value: unknown) {
  if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}

// Unpaired surrogates (matched by UTF-16 code unit, hence no `u` flag), and NUL.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** One string made fit for Postgres (see storablePayload). */
export function storableText(s: string): string {
  return s.replace(LONE_SURROGATE, '\ufffd').replaceAll('\u0000', '');
}
