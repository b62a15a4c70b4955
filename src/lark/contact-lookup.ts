import type { LarkClient } from './lark-client.js';

/** What one query asks and what comes back; the same shapes as the roster import's ContactLookup (domain/roster). */
type Query = { mobiles: readonly string[]; emails: readonly string[] };
type Failure = { kind: 'no_permission' | 'unreachable' | 'failed'; detail: string };
type Answer = { ok: true; matches: { byMobile: Map<string, string>; byEmail: Map<string, string> } } | { ok: false; failure: Failure };
type LarkUser = { user_id?: string | undefined; mobile?: string | undefined; email?: string | undefined };

/** contact/v3/users/batch_get_id takes at most 50 mobiles and 50 emails per call. */
const BATCH = 50;
/** Its frequency limit is 50/s and 1000/min per app: a call every 70 ms stays under both. */
const SPACING_MS = 70;
/** Lark's gateway limit (HTTP 429): wait `x-ogw-ratelimit-reset` seconds, this many times at most. */
const GATEWAY_RATE_LIMIT = 99991400;
const RATE_LIMIT_WAITS = 5;
const MAX_RESET_MS = 60_000;
/** A 5xx is tried again after 1 s, then 2 s. */
const SERVER_RETRIES = 2;
/** The app lacks contact:user.id:readonly ("Access denied. One of the following scopes is required"). */
const PERMISSION_DENIED = 99991672;

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Finds the open_ids of people by mobile and email through Lark's contact API, in batches of 50
 * of each, one call at a time. Lark answers a mobile or email it cannot show the app (not in the
 * tenant, outside the app's availability or contact scope, resigned) without a user_id: that one
 * is left out of the matches. The numbers and addresses are neither logged nor kept.
 */
export function createContactLookup(client: LarkClient, options: { sleep?: (ms: number) => Promise<void> } = {}): (query: Query) => Promise<Answer> {
  const sleep = options.sleep ?? sleepFor;
  return async (query) => {
    const byMobile = new Map<string, string>();
    const byEmail = new Map<string, string>();
    const calls = Math.max(Math.ceil(query.mobiles.length / BATCH), Math.ceil(query.emails.length / BATCH));
    for (let i = 0; i < calls; i++) {
      if (i > 0) await sleep(SPACING_MS);
      const mobiles = query.mobiles.slice(i * BATCH, (i + 1) * BATCH);
      const emails = query.emails.slice(i * BATCH, (i + 1) * BATCH);
      const answer = await askWithRetries(client, { mobiles, emails }, sleep);
      if (!answer.ok) return answer;
      for (const user of answer.users) {
        if (!user.user_id) continue;
        const mobile = user.mobile === undefined ? undefined : mobiles.find((m) => sameMobile(m, user.mobile!));
        if (mobile) byMobile.set(mobile, user.user_id);
        const email = user.email === undefined ? undefined : emails.find((e) => e.toLowerCase() === user.email!.toLowerCase());
        if (email) byEmail.set(email, user.user_id);
      }
    }
    return { ok: true, matches: { byMobile, byEmail } };
  };
}

/** Lark may echo a mainland number with or without +86: compared by its digits. */
function sameMobile(asked: string, echoed: string): boolean {
  const digits = (s: string) => s.replace(/\D/g, '').replace(/^(?:0086|86)(?=1\d{10}$)/, '');
  return digits(asked) === digits(echoed);
}

async function askWithRetries(
  client: LarkClient,
  batch: { mobiles: string[]; emails: string[] },
  sleep: (ms: number) => Promise<void>,
): Promise<{ ok: true; users: LarkUser[] } | { ok: false; failure: Failure }> {
  let waits = 0;
  let retries = 0;
  for (;;) {
    const outcome = await ask(client, batch);
    if (outcome.ok) return outcome;
    if (outcome.retry === 'after-reset' && waits++ < RATE_LIMIT_WAITS) await sleep(outcome.resetMs);
    else if (outcome.retry === 'later' && retries++ < SERVER_RETRIES) await sleep(1000 * retries);
    else return { ok: false, failure: outcome.failure };
  }
}

type Outcome = { ok: true; users: LarkUser[] } | { ok: false; failure: Failure; retry: 'after-reset' | 'later' | 'never'; resetMs: number };

async function ask(client: LarkClient, batch: { mobiles: string[]; emails: string[] }): Promise<Outcome> {
  try {
    const response = await client.contact.v3.user.batchGetId({
      params: { user_id_type: 'open_id' },
      data: { ...(batch.mobiles.length > 0 ? { mobiles: batch.mobiles } : {}), ...(batch.emails.length > 0 ? { emails: batch.emails } : {}), include_resigned: false },
    });
    // The SDK resolves on HTTP 200 even when Lark refuses: the code tells.
    if (response.code === 0) return { ok: true, users: response.data?.user_list ?? [] };
    return refusal(200, response.code, response.msg, undefined);
  } catch (error) {
    const e = error as { response?: { status?: number; data?: unknown; headers?: Record<string, unknown> }; code?: string; message?: string };
    if (!e.response) {
      // No answer at all (refused connection, timeout), or the SDK could not get a token.
      const network = e.code !== undefined;
      return { ok: false, failure: { kind: network ? 'unreachable' : 'failed', detail: `${e.code ?? ''} ${e.message ?? String(error)}`.trim() }, retry: 'never', resetMs: 0 };
    }
    const body = (typeof e.response.data === 'object' && e.response.data) || {};
    return refusal(e.response.status, (body as { code?: number }).code, (body as { msg?: string }).msg, e.response.headers);
  }
}

function refusal(status: number | undefined, code: number | undefined, msg: string | undefined, headers: Record<string, unknown> | undefined): Outcome {
  const detail = `${code !== undefined ? `${code} ` : ''}${msg ?? ''}${status !== undefined && status !== 200 ? ` (http ${status})` : ''}`.trim();
  if (status === 429 || code === GATEWAY_RATE_LIMIT) {
    const seconds = Number(headers?.['x-ogw-ratelimit-reset']);
    const resetMs = Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, MAX_RESET_MS) : 1000;
    return { ok: false, failure: { kind: 'failed', detail }, retry: 'after-reset', resetMs };
  }
  if (code === PERMISSION_DENIED) return { ok: false, failure: { kind: 'no_permission', detail }, retry: 'never', resetMs: 0 };
  return { ok: false, failure: { kind: 'failed', detail }, retry: status !== undefined && status >= 500 ? 'later' : 'never', resetMs: 0 };
}
