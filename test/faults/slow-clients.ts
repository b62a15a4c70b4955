import net from 'node:net';
import { expect } from 'vitest';
import type { TestDucha } from '../helpers/test-ducha.js';
import { settleFully } from './webhook-fuzz.js';
import { inParallel, messageEvent, post, sealed } from '../helpers/lark-traffic.js';
import { sleep } from '../helpers/until.js';

/**
 * Slow or stuck clients: connections that send half a request and stall, send nothing at all,
 * or trickle a real event a few bytes at a time. While they are held open, events from Lark flow
 * and each one is acknowledged and answered; the slow ones are still waiting when that is done.
 */

type Slow = { socket: net.Socket; answered: () => boolean; closed: () => boolean };

function open(url: string, first: string | undefined): Promise<Slow> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let answered = false;
    let closed = false;
    const socket = net.connect({ host: hostname, port: Number(port) }, () => {
      if (first !== undefined) socket.write(first);
      resolve({ socket, answered: () => answered, closed: () => closed });
    });
    socket.on('data', () => (answered = true));
    socket.on('close', () => (closed = true));
    socket.on('error', (error) => {
      if (!closed) reject(error);
    });
  });
}

export type SlowCounts = { slowConnections: number; eventsMeanwhile: number; trickled: number };

export async function slowClientsWhileEventsFlow(
  ducha: TestDucha,
  options: { stalled: number; silent: number; trickled: number; events: number; teachers: string[] },
): Promise<SlowCounts> {
  const key = ducha.sandbox.settings.encryptKey!;
  const { port } = new URL(ducha.url);
  const head = (length: number) =>
    `POST /lark/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

  // Half a request and then nothing: headers promising 5,000 bytes, 10 of them sent.
  const stalled = await Promise.all(Array.from({ length: options.stalled }, () => open(ducha.url, head(5000) + '{"encrypt"')));
  // Connected, not a byte sent.
  const silent = await Promise.all(Array.from({ length: options.silent }, () => open(ducha.url, undefined)));
  // Real events, sent a few bytes at a time, slower than everything else.
  const trickled = Array.from({ length: options.trickled }, (_, i) => {
    const { envelope, messageId } = messageEvent(ducha.sandbox, { openId: options.teachers[i % options.teachers.length]!, text: '帮助' });
    const { raw, headers } = sealed(JSON.stringify(envelope), key, ducha.clock.now());
    const request =
      `POST /lark/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nConnection: close\r\n` +
      Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('') +
      `Content-Length: ${Buffer.byteLength(raw)}\r\n\r\n` +
      raw;
    return { request: Buffer.from(request), messageId };
  });
  const trickling = await Promise.all(trickled.map(({ request }) => open(ducha.url, request.subarray(0, 40).toString('latin1'))));

  // Events flow meanwhile, and each is acknowledged.
  const flowing = Array.from({ length: options.events }, (_, i) =>
    messageEvent(ducha.sandbox, { openId: options.teachers[i % options.teachers.length]!, text: i % 2 ? '我的' : '帮助' }),
  );
  await inParallel(flowing, 8, async ({ envelope }) => {
    const { raw, headers } = sealed(JSON.stringify(envelope), key, ducha.clock.now());
    const answer = await post(ducha.url + '/lark/events', raw, headers);
    expect(answer.status).toBe(200);
  });
  await settleFully(ducha);
  const replies = (id: string) => ducha.botMessages().filter((m) => m.parent_id === id).length;
  for (const { messageId } of flowing) expect(replies(messageId)).toBe(1);

  // All the while, every slow connection is still open and still waiting for its answer.
  for (const slow of [...stalled, ...silent, ...trickling]) {
    expect(slow.closed()).toBe(false);
    expect(slow.answered()).toBe(false);
  }

  // The trickled events finish, and are taken like any other.
  await Promise.all(
    trickling.map(async (slow, i) => {
      const bytes = trickled[i]!.request;
      for (let at = 40; at < bytes.length; at += 64) {
        slow.socket.write(bytes.subarray(at, at + 64));
        await sleep(1);
      }
      await new Promise<void>((resolve) => slow.socket.once('close', () => resolve()));
      expect(slow.answered()).toBe(true);
    }),
  );
  await settleFully(ducha);
  for (const { messageId } of trickled) expect(replies(messageId)).toBe(1);

  for (const slow of [...stalled, ...silent]) slow.socket.destroy();
  return { slowConnections: stalled.length + silent.length + trickling.length, eventsMeanwhile: flowing.length, trickled: trickled.length };
}
