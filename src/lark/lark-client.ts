import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import * as lark from '@larksuiteoapi/node-sdk';
import axios, { type AxiosResponse } from 'axios';
import type { LarkSettings } from '../config.js';
import type { Logger } from '../log.js';

export type LarkClient = lark.Client;

export function resolveLarkDomain(domain: string): string | lark.Domain {
  if (domain === 'feishu') return lark.Domain.Feishu;
  if (domain === 'lark') return lark.Domain.Lark;
  return domain;
}

/**
 * The SDK's own logger prints whole axios errors, which carry request bodies (children's names)
 * and headers (tokens); ours keeps only that something failed, and the sender logs the details it needs.
 */
export function sdkLogger(log: Logger) {
  return {
    error: () => log.debug('lark sdk reported an error'),
    warn: () => {},
    info: () => {},
    debug: () => {},
    trace: () => {},
  };
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The SDK's default axios instance has no timeout, so one hung request would stall the outbox
 * sender for good. Same contract as the SDK's (the response interceptor returns the body), on
 * both of axios's adapters: Node's http and, in a Worker, fetch (the two fixes below).
 */
function createLarkHttp() {
  const http = axios.create({ timeout: REQUEST_TIMEOUT_MS });
  http.interceptors.request.use(withoutGetBody);
  http.interceptors.response.use((response) => {
    const data = asNodeStream(response.config.responseType, response.data);
    // The SDK's contract rather than axios's: the body itself, with the headers when asked for.
    return ((response.config as { $return_headers?: boolean }).$return_headers ? { data, headers: response.headers } : data) as AxiosResponse;
  });
  return http as unknown as lark.HttpInstance;
}

/**
 * The SDK sends `{}` as the body of a GET (the message-resource download): Node's http adapter
 * sends it and Lark ignores it, but fetch refuses a GET with a body. Lark reads none, so none is sent.
 */
function withoutGetBody<T extends { method?: string | undefined; data?: unknown }>(config: T): T {
  const method = (config.method ?? 'get').toLowerCase();
  if (method === 'get' || method === 'head') config.data = undefined;
  return config;
}

/**
 * A streamed response is a Node Readable on Node and a web ReadableStream under fetch; the SDK
 * (getReadableStream checks `.readable`) expects the Node kind, so a web stream is wrapped.
 */
function asNodeStream(responseType: string | undefined, data: unknown): unknown {
  if (responseType !== 'stream' || data instanceof Readable || typeof (data as ReadableStream | null)?.getReader !== 'function') return data;
  return Readable.fromWeb(data as NodeWebStream<Uint8Array>);
}

export function createLarkClient(settings: LarkSettings, log: Logger): LarkClient {
  return new lark.Client({
    appId: settings.appId,
    appSecret: settings.appSecret,
    domain: resolveLarkDomain(settings.domain),
    appType: lark.AppType.SelfBuild,
    httpInstance: createLarkHttp(),
    // A cache per client: two apps (or two test servers) in one process never share a token.
    cache: new lark.DefaultCache(),
    loggerLevel: lark.LoggerLevel.error,
    logger: sdkLogger(log),
  });
}
