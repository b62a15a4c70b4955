import type { Context } from 'hono';

/**
 * Trouble the sandbox can make, so the sender's handling of it is tested through the real SDK:
 *   state.faults.push({ match: { chatId: 'oc_x' }, times: 3, respond: { status: 429, code: 99991400, resetSeconds: 1 } })
 * Each send or reply request takes the first rule that matches and still has `times` left.
 */
export type FaultMatch = {
  /** `receive_id` of a send (a chat id or an open_id); replies have none. */
  receiveId?: string;
  /** The chat the message would land in (for a reply, the chat of the message it answers). */
  chatId?: string;
  uuid?: string;
  /** Which request: a send or reply (the default), a file upload or a contact lookup (`upload`, `contact`: matched only when named). */
  api?: 'send' | 'upload' | 'contact';
};

export type FaultResponse =
  /** Lark's gateway limit: HTTP 429, code 99991400, `x-ogw-ratelimit-reset` in seconds. */
  | { status: 429; code?: number; resetSeconds?: number }
  /** A server error; the body is not JSON, as from a proxy in front of Lark. */
  | { status: 500 | 502 | 503 | 504 }
  /** A Lark business error, e.g. 230020 (chat rate limit) or 230002 (bot not in the chat). */
  | { status: 400 | 200; code: number; msg?: string }
  /** A slow answer: the request succeeds after this long. */
  | { delayMs: number }
  /** A slow answer a test controls: the request succeeds once the promise settles. */
  | { heldUntil: Promise<unknown> }
  /**
   * The connection breaks before a whole answer arrives: a network error for the client. With
   * `after-accepting`, Lark has taken the message first (the answer, not the request, is lost).
   */
  | { drop: 'before-accepting' | 'after-accepting' };

export type FaultRule = { match?: FaultMatch; times: number; respond: FaultResponse };

export type SendRequestFacts = { receiveId: string | null; chatId: string; uuid: string | null; api?: 'send' | 'upload' | 'contact' };

/** The first matching rule with uses left, one use taken; undefined when the request goes through. */
export function takeFault(plan: FaultRule[], request: SendRequestFacts): FaultResponse | undefined {
  const rule = plan.find((r) => r.times > 0 && matches(r.match, request));
  if (!rule) return undefined;
  rule.times--;
  return rule.respond;
}

function matches(match: FaultMatch | undefined, request: SendRequestFacts): boolean {
  if ((match?.api ?? 'send') !== (request.api ?? 'send')) return false;
  if (!match) return true;
  return (
    (match.receiveId === undefined || match.receiveId === request.receiveId) &&
    (match.chatId === undefined || match.chatId === request.chatId) &&
    (match.uuid === undefined || match.uuid === request.uuid)
  );
}

const MESSAGES: Record<number, string> = {
  99991400: 'request trigger frequency limit',
  230020: 'This operation triggers the frequency limit.',
  230002: 'The bot can not be outside the group.',
  230001: 'invalid message content',
  230099: 'Failed to create card content.',
  99991672: 'Access denied. The app does not have the permission.',
};

/**
 * Plays a fault: the response to return instead of the normal answer, or undefined when the
 * request should then be handled normally (after a delay; or, for a drop after accepting, with
 * its answer replaced by droppedAnswer()).
 */
export async function playFault(c: Context, fault: FaultResponse): Promise<Response | undefined> {
  if ('delayMs' in fault) {
    await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    return undefined;
  }
  if ('heldUntil' in fault) {
    await fault.heldUntil.catch(() => {});
    return undefined;
  }
  if ('drop' in fault) return fault.drop === 'after-accepting' ? undefined : droppedAnswer();
  if (fault.status === 429) {
    const code = fault.code ?? 99991400;
    return c.json({ code, msg: MESSAGES[code] ?? 'too many requests' }, 429, {
      'x-ogw-ratelimit-limit': '50',
      'x-ogw-ratelimit-reset': String(fault.resetSeconds ?? 1),
    });
  }
  if (!('code' in fault)) return c.text('upstream connect error', fault.status);
  return c.json({ code: fault.code, msg: fault.msg ?? MESSAGES[fault.code] ?? 'sandbox fault', error: { log_id: 'sandbox' } }, fault.status);
}

/**
 * The status line goes out, then the body fails and the server closes the connection. Chunked,
 * so the server sends the headers before reading the body: a body that failed first would be
 * turned into a tidy 500 instead.
 */
export function droppedAnswer(): Response {
  let pulls = 0;
  const broken = new ReadableStream({
    pull(controller) {
      if (pulls++ === 0) controller.enqueue(new TextEncoder().encode('{"code":'));
      else controller.error(new Error('sandbox: connection dropped (planned fault)'));
    },
  });
  return new Response(broken, { status: 200, headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
}
