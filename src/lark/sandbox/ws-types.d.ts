/**
 * The part of `ws` (8.23, the Lark SDK's own WebSocket library) the fake long-connection endpoint
 * uses. Declared here rather than installing @types/ws: four members of two classes.
 */
declare module 'ws' {
  import type { IncomingMessage } from 'node:http';

  export class WebSocket {
    static readonly OPEN: 1;
    readonly readyState: 0 | 1 | 2 | 3;
    send(data: Uint8Array, callback?: (error?: Error) => void): void;
    close(code?: number): void;
    terminate(): void;
    on(event: 'message', listener: (data: Buffer) => void): this;
    on(event: 'close', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
  }

  export class WebSocketServer {
    constructor(options: { port: number; host: string; path?: string });
    readonly clients: Set<WebSocket>;
    address(): { port: number } | string;
    on(event: 'connection', listener: (socket: WebSocket, request: IncomingMessage) => void): this;
    on(event: 'listening', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    close(callback?: (error?: Error) => void): void;
  }
}
