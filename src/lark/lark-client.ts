import * as lark from '@larksuiteoapi/node-sdk';
import axios from 'axios';
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
 * sender for good. Same contract as the SDK's (the response interceptor returns the body).
 */
function createLarkHttp() {
  const http = axios.create({ timeout: REQUEST_TIMEOUT_MS });
  http.interceptors.response.use((response) =>
    (response.config as { $return_headers?: boolean }).$return_headers
      ? { data: response.data, headers: response.headers }
      : response.data,
  );
  return http as unknown as lark.HttpInstance;
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
