import * as lark from '@larksuiteoapi/node-sdk';
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

export function createLarkClient(settings: LarkSettings, log: Logger): LarkClient {
  return new lark.Client({
    appId: settings.appId,
    appSecret: settings.appSecret,
    domain: resolveLarkDomain(settings.domain),
    appType: lark.AppType.SelfBuild,
    // A cache per client: two apps (or two test servers) in one process never share a token.
    cache: new lark.DefaultCache(),
    loggerLevel: lark.LoggerLevel.error,
    logger: sdkLogger(log),
  });
}
