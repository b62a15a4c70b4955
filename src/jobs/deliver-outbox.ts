import { claimDueMessages, markMessageFailed, markMessageSent, type OutboxRow } from '../db/queries/outbox.js';
import type { Deps } from '../deps.js';

const LEASE_MS = 60_000;
const BATCH = 50;
const PARALLEL_SENDS = 4;
const GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;
/** Lark answers these for a message that can never go as it is: retrying would only repeat it. */
const PERMANENT_CODES = new Set([230001, 230002, 230006, 230013, 230017, 230018, 230025, 230027, 230029, 230034, 230035, 230038, 230053, 230099, 232009, 99991672]);

export type DeliveryReport = { sent: number; retrying: number; dead: number };

export class LarkSendError extends Error {
  constructor(
    readonly code: number | undefined,
    readonly httpStatus: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'LarkSendError';
  }
  get permanent(): boolean {
    return this.code !== undefined && PERMANENT_CODES.has(this.code);
  }
}

/** Sends every row due by `now` (and rows added while it runs), each once; returns what happened. */
export async function deliverDueMessages(deps: Deps, now: Date = deps.clock.now()): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, dead: 0 };
  for (;;) {
    const rows = await claimDueMessages(deps.db, now, LEASE_MS, BATCH);
    if (rows.length === 0) return report;
    for (let i = 0; i < rows.length; i += PARALLEL_SENDS) {
      await Promise.all(rows.slice(i, i + PARALLEL_SENDS).map((row) => deliverOne(deps, row, report)));
    }
  }
}

async function deliverOne(deps: Deps, row: OutboxRow, report: DeliveryReport): Promise<void> {
  const log = deps.log.child({ outboxId: row.id, kind: row.kind, attempt: row.attempts });
  try {
    const messageId = await sendToLark(deps, row);
    await markMessageSent(deps.db, row.id, messageId, deps.clock.now());
    report.sent++;
    log.info('message sent', { larkMessageId: messageId });
  } catch (error) {
    const failure = describeFailure(error);
    const now = deps.clock.now();
    const tooOld = now.getTime() - row.createdAt.getTime() > GIVE_UP_AFTER_MS;
    const retryAt = failure.permanent || tooOld ? null : new Date(now.getTime() + backoffMs(row.attempts));
    await markMessageFailed(deps.db, row.id, { error: failure.text, retryAt });
    if (retryAt) report.retrying++;
    else report.dead++;
    log.warn(retryAt ? 'message send failed, will retry' : 'message dead-lettered', {
      error: failure.text,
      retryAt: retryAt?.toISOString(),
    });
  }
}

/** The row's key is Lark's `uuid`, so a re-send after a crash is dropped by Lark within its hour. */
async function sendToLark(deps: Deps, row: OutboxRow): Promise<string> {
  const client = deps.lark.client;
  const data = { msg_type: row.msgType, content: row.content, uuid: row.key };
  const response = row.replyTo
    ? await client.im.message.reply({ path: { message_id: row.replyTo }, data })
    : await client.im.message.create({
        params: { receive_id_type: row.receiveIdType! },
        data: { ...data, receive_id: row.receiveId! },
      });
  // The SDK resolves on HTTP 200 even when Lark refuses: the code tells.
  if (response.code !== 0) throw new LarkSendError(response.code, 200, response.msg ?? 'lark error');
  const messageId = response.data?.message_id;
  if (!messageId) throw new LarkSendError(undefined, 200, 'lark answered without a message_id');
  return messageId;
}

function describeFailure(error: unknown): { text: string; permanent: boolean } {
  if (error instanceof LarkSendError) {
    return { text: `lark code ${error.code ?? '?'}: ${error.message}`.slice(0, 300), permanent: error.permanent };
  }
  const axiosLike = error as { response?: { status?: number; data?: { code?: number; msg?: string } }; message?: string };
  const status = axiosLike.response?.status;
  const code = axiosLike.response?.data?.code;
  const msg = axiosLike.response?.data?.msg ?? axiosLike.message ?? String(error);
  const wrapped = new LarkSendError(code, status, msg);
  return { text: `http ${status ?? '-'} code ${code ?? '-'}: ${msg}`.slice(0, 300), permanent: wrapped.permanent };
}

/** 5 s, 10 s, 20 s … capped at 30 min, with jitter so a burst of failures does not retry in step. */
function backoffMs(attempts: number): number {
  const base = Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
  return base / 2 + Math.random() * (base / 2);
}
