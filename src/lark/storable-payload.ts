/**
 * A decrypted envelope made fit for Postgres: text and jsonb hold neither U+0000 nor unpaired
 * UTF-16 surrogates, and either one inside a person's message would make storing the event fail.
 * NUL is dropped (a control character nobody means to type); a lone surrogate becomes U+FFFD.
 * Everything after the webhook's door reads this copy, so what is stored and what is handled agree.
 */
export function storablePayload<T>(value: T): T {
  return clean(value) as T;
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(clean);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[storableText(key)] = clean(inner);
    return out;
  }
  return value;
}

// Unpaired surrogates (matched by UTF-16 code unit, hence no `u` flag), and NUL.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** One string made fit for Postgres (see storablePayload). */
export function storableText(s: string): string {
  return s.replace(LONE_SURROGATE, '\ufffd').replaceAll('\u0000', '');
}
