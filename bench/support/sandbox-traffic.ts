import http from 'node:http';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { CHECK_IN_TEXT } from './lark-events.js';

export type Said = { messageId: string; createdAt: number; status: number } | { failure: string };

/** `/sandbox/say` without waiting for the reply: the message id, its time on the sandbox's clock, and Ducha's answer to the event. */
function sayThrough(agent: http.Agent, base: URL, openId: string, onSocket: () => void): Promise<Said> {
  const body = JSON.stringify({ open_id: openId, text: CHECK_IN_TEXT, wait_ms: 0 });
  return new Promise((resolve) => {
    const request = http.request(
      { agent, host: base.hostname, port: base.port, method: 'POST', path: '/sandbox/say', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        let text = '';
        response.on('data', (c: Buffer) => (text += c.toString()));
        response.on('end', () => {
          try {
            const parsed = JSON.parse(text) as { message_id: string; create_time: string; delivered: { status: number } };
            resolve({ messageId: parsed.message_id, createdAt: Number(parsed.create_time), status: parsed.delivered.status });
          } catch {
            // The sandbox answers 500 when its POST to Ducha failed outright (e.g. the connection closed).
            resolve({ failure: `sandbox ${response.statusCode}` });
          }
        });
      },
    );
    request.once('socket', onSocket);
    request.on('error', (error) => resolve({ failure: `to the sandbox: ${error.message}` }));
    request.end(body);
  });
}

export type PacedSays = {
  /** message id → when it was said, on the sandbox's clock (as the receipts' create_time is). */
  sentAt: Map<string, number>;
  /** Says whose event Ducha did not answer with a 200 (or that failed outright). */
  refused: number;
  /** Those, by what went wrong. */
  failures: Map<string, number>;
  /** Per say, ms from its planned instant until the timer fired: the generator's own delay. */
  timerLateness: number[];
  /** Per say, ms from its planned instant until the request had a socket: adds the agent's queue. */
  socketLateness: number[];
};

/**
 * Each open id says a check-in once, at a uniformly random instant within `windowMs`.
 * Node rather than wrk: wrk cannot schedule random instants, and at 17 or 167 says/s a keep-alive
 * agent costs little (the lateness figures show whether it kept up).
 */
export async function sayAtRandomInstants(sandboxUrl: string, openIds: readonly string[], windowMs: number): Promise<PacedSays> {
  const offsets = openIds.map(() => Math.random() * windowMs).sort((a, b) => a - b);
  // Enough sockets that a slow answer from Ducha delays no later say behind it.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const base = new URL(sandboxUrl);
  const result: PacedSays = { sentAt: new Map(), refused: 0, failures: new Map(), timerLateness: [], socketLateness: [] };
  const t0 = performance.now();
  await Promise.all(
    offsets.map(async (offset, i) => {
      await new Promise((r) => setTimeout(r, offset - (performance.now() - t0)));
      // A timer may fire a fraction of a ms early: early counts as on time.
      result.timerLateness.push(Math.max(0, performance.now() - t0 - offset));
      const said = await sayThrough(agent, base, openIds[i]!, () => result.socketLateness.push(Math.max(0, performance.now() - t0 - offset)));
      const failure = 'failure' in said ? said.failure : said.status === 200 ? undefined : `Ducha ${said.status}`;
      if (!('failure' in said)) result.sentAt.set(said.messageId, said.createdAt);
      if (failure) {
        result.refused++;
        result.failures.set(failure, (result.failures.get(failure) ?? 0) + 1);
      }
    }),
  );
  agent.destroy();
  return result;
}

/**
 * Reads the bot's messages as they arrive, each once (`since=`), until `done` says so or
 * `timeoutMs` passes; returns them all. Listing 20,000 messages every second would cost the
 * sandbox tens of ms each time, delaying the receipts it is timing.
 */
export async function collectBotMessages(sandboxUrl: string, done: (messages: readonly SandboxMessage[]) => boolean, timeoutMs: number): Promise<SandboxMessage[]> {
  const messages: SandboxMessage[] = [];
  const deadline = Date.now() + timeoutMs;
  do {
    await new Promise((r) => setTimeout(r, 1000));
    const page = (await (await fetch(`${sandboxUrl}/sandbox/messages?since=${messages.length}`)).json()) as { messages: SandboxMessage[] };
    messages.push(...page.messages);
  } while (!done(messages) && Date.now() < deadline);
  return messages;
}
