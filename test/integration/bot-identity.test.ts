import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { createBotIdentity } from '../../src/lark/bot-identity.js';
import { createLarkClient } from '../../src/lark/lark-client.js';
import { createOpenApiRoutes } from '../../src/lark/sandbox/open-api-routes.js';
import { SANDBOX_BOT_OPEN_ID, SandboxState } from '../../src/lark/sandbox/sandbox-state.js';
import { silentLogger } from '../../src/log.js';

/** Who the bot is, asked of the sandbox's bot/v3/info through the real SDK client. */
describe('the bot identity', () => {
  const state = new SandboxState(systemClock);
  let lark: ServerType;
  beforeAll(async () => {
    lark = serve({ fetch: createOpenApiRoutes(state).fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => lark.once('listening', r));
  });
  afterAll(() => new Promise((r) => lark.close(r)));

  const client = () =>
    createLarkClient({ ...state.settings, domain: `http://127.0.0.1:${(lark.address() as AddressInfo).port}` }, silentLogger);

  it('asks once, even when asked many times at once, and keeps the answer', async () => {
    const before = state.botInfoRequests;
    const bot = createBotIdentity(client(), silentLogger);
    expect(await Promise.all([bot.openId(), bot.openId(), bot.openId()])).toEqual(Array(3).fill(SANDBOX_BOT_OPEN_ID));
    expect(await bot.openId()).toBe(SANDBOX_BOT_OPEN_ID);
    expect(state.botInfoRequests - before).toBe(1);
  });

  it('does not keep a failure: the next call asks again', async () => {
    const before = state.botInfoRequests;
    const bot = createBotIdentity(client(), silentLogger);
    state.botInfoOutages = 1;
    await expect(bot.openId()).rejects.toThrow();
    expect(await bot.openId()).toBe(SANDBOX_BOT_OPEN_ID);
    expect(await bot.openId()).toBe(SANDBOX_BOT_OPEN_ID);
    expect(state.botInfoRequests - before).toBe(2);
  });
});
