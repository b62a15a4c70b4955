import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { loadWorkerConfig } from '../../src/entry/worker/load-worker-config.js';

const WS_APP = { LARK_APP_ID: 'cli_0123456789abcdef', LARK_APP_SECRET: 's3cret' };

const problemsOf = (load: () => unknown): string[] => {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('the settings were accepted');
};

describe('LARK_MODE', () => {
  it('is webhook unless set to ws', () => {
    expect(loadConfig({}).larkMode).toBe('webhook');
    expect(loadConfig({ LARK_MODE: '' }).larkMode).toBe('webhook');
    expect(loadConfig({ LARK_MODE: 'ws' }).larkMode).toBe('ws');
  });

  it.each(['websocket', 'WS', 'long'])('refuses %j, naming both choices', (value) => {
    expect(problemsOf(() => loadConfig({ LARK_MODE: value }))).toEqual([
      "LARK_MODE must be 'webhook' (Lark posts to a public URL) or 'ws' (Ducha keeps a long connection to Lark)",
    ]);
  });

  it('needs no verification token over the long connection (nothing there is tokened), but still the secret', () => {
    expect(loadConfig({ ...WS_APP, LARK_MODE: 'ws' }).lark).toMatchObject({ appId: WS_APP.LARK_APP_ID, verificationToken: '' });
    expect(problemsOf(() => loadConfig({ ...WS_APP, LARK_MODE: 'webhook' }))).toEqual(['LARK_VERIFICATION_TOKEN is required when LARK_APP_ID is set']);
    expect(problemsOf(() => loadConfig({ LARK_APP_ID: WS_APP.LARK_APP_ID, LARK_MODE: 'ws' }))).toEqual(['LARK_APP_SECRET is required when LARK_APP_ID is set']);
  });

  it('refuses an app id the SDK would silently not connect with', () => {
    const [problem] = problemsOf(() => loadConfig({ ...WS_APP, LARK_APP_ID: 'cli_a1b2c3', LARK_MODE: 'ws' }));
    expect(problem).toMatch(/^LARK_APP_ID must look like cli_ and 16 hex digits for LARK_MODE=ws/);
  });

  it('is refused on Workers, which cannot hold a connection', () => {
    const worker = { ...WS_APP, LARK_VERIFICATION_TOKEN: 'tok', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/unused' };
    expect(loadWorkerConfig({ ...worker, LARK_MODE: 'webhook' }).larkMode).toBe('webhook');
    const problems = problemsOf(() => loadWorkerConfig({ ...worker, LARK_MODE: 'ws' }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^LARK_MODE=ws needs a process that stays up/);
  });
});
