import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeFrame, encodeFrame, type Frame } from './pbbp2-frame.js';

/** What Lark tells a client about timing, in seconds (ReconnectCount -1: retry forever). */
export type WsClientConfig = { PingInterval: number; ReconnectCount: number; ReconnectInterval: number; ReconnectNonce: number };

/** An ack as the SDK sends it: the pushed frame's headers echoed, and `data` (the handler's answer) decoded. */
export type WsAck = { code: number; data?: unknown; headers: Record<string, string> };

export type DeliverOptions = {
  /** Pushed in this many fragments (sum/seq headers), which the SDK joins. */
  fragments?: number;
  /** Drops the connection after this many fragments were sent: the message is incomplete, and Lark sends it again. */
  dropAfterFragments?: number;
  /** The ack arrives but is lost with the connection, which drops: Lark sends the event again. */
  loseAck?: boolean;
};

export type WsEndpointFake = {
  /** POST /callback/ws/endpoint, for the server the SDK's `domain` points at. */
  routes: Hono;
  /**
   * Pushes an envelope as Lark does and resolves with its ack; what is not acknowledged with 200
   * (the connection dropped, the handler failed, no ack within `ackTimeoutMs`) is sent again.
   */
  deliver(envelope: unknown, options?: DeliverOptions): Promise<WsAck & { attempts: number }>;
  /** Cuts every connection at once (a reset, not a goodbye): the SDK reconnects. */
  drop(): void;
  /** The open connections stop answering and sending, but stay open: only a ping timeout notices. */
  silence(): void;
  /** The next endpoint requests answer with this Lark code (514: bad credentials, which the SDK takes as fatal). */
  refuseWith(code: number | undefined): void;
  /** Open connections. */
  openConnections(): number;
  readonly stats: { endpointRequests: number; connections: number; pings: number; acks: WsAck[] };
  close(): Promise<void>;
};

const PUSH_SERVICE_ID = 7;

/**
 * Lark's long-connection endpoint, local: the SDK's WSClient asks POST /callback/ws/endpoint for a
 * URL and timings, connects, pings, and gets events (card callbacks among them) as pbbp2 frames,
 * which it acknowledges. Like Lark, it pushes each message to one connection and sends again what
 * is not acknowledged (lark-platform-2.md §1).
 */
export async function startWsEndpointFake(o: {
  appId: string;
  appSecret: string;
  clientConfig?: Partial<WsClientConfig>;
  ackTimeoutMs?: number;
  maxAttempts?: number;
}): Promise<WsEndpointFake> {
  const clientConfig: WsClientConfig = { PingInterval: 1, ReconnectCount: -1, ReconnectInterval: 0.2, ReconnectNonce: 0, ...o.clientConfig };
  const ackTimeoutMs = o.ackTimeoutMs ?? 3_000;
  const maxAttempts = o.maxAttempts ?? 5;
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1', path: '/ws' });
  await new Promise<void>((resolve, reject) => server.on('listening', resolve).on('error', reject));
  const address = server.address();
  const port = typeof address === 'string' ? 0 : address.port;

  const stats = { endpointRequests: 0, connections: 0, pings: 0, acks: [] as WsAck[] };
  const silenced = new WeakSet<WebSocket>();
  /**
   * Connections that have pinged. The SDK pings as the socket opens but listens for messages only
   * a moment later, so a frame sent with the handshake's answer would be lost: pushed only after.
   */
  const pinged = new WeakSet<WebSocket>();
  const awaitingAck = new Map<string, { socket: WebSocket; settle: (ack: WsAck | 'dropped') => void }>();
  const socketWaiters: (() => void)[] = [];
  let refusal: number | undefined;
  let logId = 1;

  const open = () => [...server.clients].filter((s) => s.readyState === 1 && pinged.has(s) && !silenced.has(s));
  const send = (socket: WebSocket, frame: Frame) => socket.send(encodeFrame(frame));

  server.on('connection', (socket) => {
    stats.connections++;
    socket.on('error', () => {});
    socket.on('close', () => {
      for (const waiting of [...awaitingAck.values()]) if (waiting.socket === socket) waiting.settle('dropped');
    });
    socket.on('message', (data) => {
      if (silenced.has(socket)) return;
      let frame: Frame;
      try {
        frame = decodeFrame(data);
      } catch {
        socket.terminate(); // Lark would not keep a client that speaks nonsense either
        return;
      }
      if (frame.method === 0 && frame.headers.type === 'ping') {
        stats.pings++;
        if (!pinged.has(socket)) {
          pinged.add(socket);
          for (const wake of socketWaiters.splice(0)) wake();
        }
        const pong = new TextEncoder().encode(JSON.stringify(clientConfig));
        send(socket, { seqId: 0, logId: 0, service: frame.service, method: 0, headers: { type: 'pong' }, payload: pong });
      } else if (frame.method === 1) {
        const body = JSON.parse(new TextDecoder().decode(frame.payload ?? new Uint8Array())) as { code: number; data?: string };
        const ack: WsAck = { code: body.code, headers: frame.headers };
        if (body.data !== undefined) ack.data = JSON.parse(Buffer.from(body.data, 'base64').toString('utf8'));
        stats.acks.push(ack);
        awaitingAck.get(frame.headers.message_id ?? '')?.settle(ack);
      }
    });
  });

  async function someSocket(): Promise<WebSocket> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const sockets = open();
      // Lark picks one of the app's connections for each message.
      if (sockets.length > 0) return sockets[Math.floor(Math.random() * sockets.length)]!;
      if (Date.now() > deadline) throw new Error('no long connection to push to');
      await new Promise<void>((resolve) => {
        socketWaiters.push(resolve);
        setTimeout(resolve, 100).unref();
      });
    }
  }

  /** One push of the message; 'dropped' when the connection closed before its ack, 'timeout' when none came. */
  function pushOnce(socket: WebSocket, bytes: Uint8Array, options: DeliverOptions): Promise<WsAck | 'dropped' | 'timeout'> {
    const messageId = randomBytes(8).toString('hex');
    const sum = Math.max(1, options.fragments ?? 1);
    const size = Math.ceil(bytes.length / sum);
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle('timeout'), ackTimeoutMs);
      const settle = (ack: WsAck | 'dropped' | 'timeout') => {
        clearTimeout(timer);
        awaitingAck.delete(messageId);
        resolve(ack);
      };
      awaitingAck.set(messageId, {
        socket,
        settle: (ack) => {
          if (ack !== 'dropped' && options.loseAck) {
            socket.terminate();
            return;
          }
          settle(ack);
        },
      });
      for (let seq = 0; seq < sum; seq++) {
        if (options.dropAfterFragments !== undefined && seq >= options.dropAfterFragments) {
          socket.terminate();
          return;
        }
        const headers = { type: 'event', message_id: messageId, sum: String(sum), seq: String(seq), trace_id: randomBytes(4).toString('hex') };
        send(socket, { seqId: seq, logId: logId++, service: PUSH_SERVICE_ID, method: 1, headers, payload: bytes.subarray(seq * size, (seq + 1) * size) });
      }
    });
  }

  const routes = new Hono();
  routes.post('/callback/ws/endpoint', async (c) => {
    stats.endpointRequests++;
    const body = (await c.req.json().catch(() => ({}))) as { AppID?: unknown; AppSecret?: unknown };
    const code = refusal ?? (body.AppID === o.appId && body.AppSecret === o.appSecret ? 0 : 514);
    // Lark answers a refusal with an empty data object; the SDK reads `data` before it looks at the code.
    if (code !== 0) return c.json({ code, msg: code === 514 ? 'auth failed' : 'refused', data: {} });
    // service_id not first: the SDK parses the whole URL as a query string, so the first key takes the path with it.
    const url = `ws://127.0.0.1:${port}/ws?fpid=1&device_id=fake-device&service_id=${PUSH_SERVICE_ID}`;
    return c.json({ code: 0, msg: 'ok', data: { URL: url, ClientConfig: clientConfig } });
  });

  return {
    routes,
    async deliver(envelope, options = {}) {
      const bytes = new TextEncoder().encode(JSON.stringify(envelope));
      let last: WsAck | 'dropped' | 'timeout' = 'timeout';
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        // Only the first push is made to fail: Lark's next one goes out normally.
        last = await pushOnce(await someSocket(), bytes, attempt === 1 ? options : {});
        if (last !== 'dropped' && last !== 'timeout' && last.code === 200) return { ...last, attempts: attempt };
      }
      throw new Error(`not acknowledged after ${maxAttempts} pushes: ${typeof last === 'string' ? last : `code ${last.code}`}`);
    },
    drop() {
      for (const socket of server.clients) socket.terminate();
    },
    silence() {
      for (const socket of server.clients) silenced.add(socket);
    },
    refuseWith(code) {
      refusal = code;
    },
    openConnections: () => open().length,
    stats,
    close() {
      for (const socket of server.clients) socket.terminate();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
