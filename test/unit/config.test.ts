import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

/** The problems loadConfig reports for an environment, failing the test if it accepts it. */
function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    // Every problem is also in the message a person reads.
    for (const p of configError.problems) expect(configError.message).toContain(p);
    return configError.problems;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

/** The problems that name `variable` (at least one). */
function problemAbout(problems: string[], variable: string): string[] {
  const about = problems.filter((p) => p.includes(variable));
  expect(about.length, `${variable} in ${JSON.stringify(problems)}`).toBeGreaterThan(0);
  return about;
}

const REAL_APP = { LARK_APP_ID: 'cli_a1b2c3', LARK_APP_SECRET: 's3cret', LARK_VERIFICATION_TOKEN: 'tok' };

describe('loadConfig: defaults', () => {
  it('runs on its embedded defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: '.data/pglite',
      evidenceDir: '.data/evidence',
      timezone: 'Asia/Shanghai',
      cron: true,
      lark: undefined, // sandbox mode
    });
  });

  it('ignores unrelated variables', () => {
    expect(loadConfig({ HOME: '/root', PATH: '/usr/bin', NODE_ENV: 'test' }).port).toBe(8787);
  });

  it('reads every setting when given', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ducha',
      DUCHA_DATA_DIR: '/var/lib/ducha',
      DUCHA_TIMEZONE: 'Asia/Urumqi',
      DUCHA_CRON: 'off',
      ...REAL_APP,
      LARK_ENCRYPT_KEY: 'enc',
      LARK_DOMAIN: 'lark',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/ducha',
      dataDir: '/var/lib/ducha',
      timezone: 'Asia/Urumqi',
      cron: false,
      lark: { appId: 'cli_a1b2c3', appSecret: 's3cret', verificationToken: 'tok', encryptKey: 'enc', domain: 'lark' },
    });
  });

  it('accepts postgresql:// URLs too', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://u:p@db.internal/ducha' }).databaseUrl).toBe('postgresql://u:p@db.internal/ducha');
  });

  it('leaves the encrypt key optional and defaults the domain to feishu for a real app', () => {
    const config = loadConfig(REAL_APP);
    expect(config.lark).toMatchObject({ appId: 'cli_a1b2c3', encryptKey: undefined, domain: 'feishu' });
  });
});

describe('loadConfig: DUCHA_EVENTS_INLINE', () => {
  it('handles up to 48 events inside their request by default; 0 stores every event first', () => {
    expect(loadConfig({}).eventsHandledInline).toBe(48);
    expect(loadConfig({ DUCHA_EVENTS_INLINE: '0' }).eventsHandledInline).toBe(0);
    expect(loadConfig({ DUCHA_EVENTS_INLINE: '200' }).eventsHandledInline).toBe(200);
  });

  it.each(['-1', 'many', '1.5', '5000'])('rejects %j, naming it', (value) => {
    problemAbout(problemsOf({ DUCHA_EVENTS_INLINE: value }), 'DUCHA_EVENTS_INLINE');
  });
});

describe('loadConfig: LARK_DOMAIN', () => {
  it.each(['feishu', 'lark', 'http://127.0.0.1:9000', 'https://open.feishu.cn'])('accepts %s', (domain) => {
    expect(loadConfig({ ...REAL_APP, LARK_DOMAIN: domain }).lark?.domain).toBe(domain);
  });

  it.each(['garbage', 'feishu.cn', 'ftp://example.com', 'http://', 'FEISHU '])('rejects %j, naming LARK_DOMAIN', (domain) => {
    problemAbout(problemsOf({ ...REAL_APP, LARK_DOMAIN: domain }), 'LARK_DOMAIN');
  });
});

describe('loadConfig: Lark secrets', () => {
  it.each(['LARK_APP_SECRET', 'LARK_VERIFICATION_TOKEN', 'LARK_ENCRYPT_KEY'])('refuses an empty %s and names it', (name) => {
    const about = problemAbout(problemsOf({ ...REAL_APP, [name]: '' }), name);
    expect(about.some((p) => /empty/i.test(p)), JSON.stringify(about)).toBe(true);
  });

  it('refuses a blank (whitespace-only) secret', () => {
    problemAbout(problemsOf({ ...REAL_APP, LARK_APP_SECRET: '   ' }), 'LARK_APP_SECRET');
  });

  it('refuses an empty LARK_APP_ID rather than falling back to sandbox mode', () => {
    problemAbout(problemsOf({ LARK_APP_ID: '' }), 'LARK_APP_ID');
  });

  it('names each value missing when LARK_APP_ID is set', () => {
    const problems = problemsOf({ LARK_APP_ID: 'cli_a1b2c3' });
    problemAbout(problems, 'LARK_APP_SECRET');
    problemAbout(problems, 'LARK_VERIFICATION_TOKEN');
    expect(problems.some((p) => p.includes('LARK_ENCRYPT_KEY'))).toBe(false); // optional
  });

  it('names only the one value missing', () => {
    const problems = problemsOf({ LARK_APP_ID: 'cli_a1b2c3', LARK_APP_SECRET: 's3cret' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('LARK_VERIFICATION_TOKEN');
  });

  it('moves the clock for a Lark sandbox on this machine, never for the real Lark', () => {
    const clock = { DUCHA_SANDBOX_CLOCK: '2026-12-01T09:00:00+08:00' };
    expect(loadConfig({ ...REAL_APP, ...clock, LARK_DOMAIN: 'http://127.0.0.1:9000' }).sandboxClockStart).toEqual(
      new Date('2026-12-01T01:00:00Z'),
    );
    expect(loadConfig({ ...REAL_APP, ...clock, LARK_DOMAIN: 'http://localhost:9000' }).sandboxClockStart).toBeDefined();
    for (const domain of [undefined, 'feishu', 'lark', 'https://open.feishu.cn', 'http://127.0.0.1.example.com']) {
      problemAbout(problemsOf({ ...REAL_APP, ...clock, LARK_DOMAIN: domain }), 'DUCHA_SANDBOX_CLOCK');
    }
  });

  it('refuses a tick schedule that is not cron, and one the scheduler would refuse', () => {
    problemAbout(problemsOf({ DUCHA_TICK_CRON: 'every minute' }), 'DUCHA_TICK_CRON');
    expect(loadConfig({ DUCHA_TICK_CRON: '*/5 * * * *' }, { isCronExpression: cron.validate }).tickCron).toBe('*/5 * * * *');
    // Five fields, but minute 61 does not exist: node-cron says so where it runs.
    expect(() => loadConfig({ DUCHA_TICK_CRON: '61 * * * *' }, { isCronExpression: cron.validate })).toThrow(/DUCHA_TICK_CRON/);
  });

  it('refuses a secret set without LARK_APP_ID', () => {
    for (const name of ['LARK_APP_SECRET', 'LARK_VERIFICATION_TOKEN', 'LARK_ENCRYPT_KEY']) {
      problemAbout(problemsOf({ [name]: 'x' }), name);
    }
  });

  it('never puts a secret value in the error', () => {
    const error = (() => {
      try {
        loadConfig({ LARK_APP_SECRET: 'very-secret-value', LARK_ENCRYPT_KEY: 'another-secret-key' });
      } catch (e) {
        return e as Error;
      }
      throw new Error('accepted');
    })();
    expect(error.message).not.toContain('very-secret-value');
    expect(error.message).not.toContain('another-secret-key');
  });
});

describe('loadConfig: bad values name their variable', () => {
  it.each([
    ['PORT', 'eighty'],
    ['PORT', '-1'],
    ['PORT', '65536'],
    ['PORT', '80.5'],
    ['DUCHA_TIMEZONE', 'Mars/Olympus_Mons'],
    ['DUCHA_CRON', 'maybe'],
    ['DATABASE_URL', 'mysql://root@127.0.0.1/ducha'],
    ['DATABASE_URL', '127.0.0.1:5432'],
  ])('%s=%s', (name, value) => {
    problemAbout(problemsOf({ [name]: value }), name);
  });

  it('reports several bad values together in one ConfigError', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DUCHA_TIMEZONE: 'Nowhere/Land',
      DUCHA_CRON: 'maybe',
      DATABASE_URL: 'mysql://root@127.0.0.1/ducha',
      LARK_DOMAIN: 'garbage',
      LARK_APP_SECRET: '',
    });
    for (const name of ['PORT', 'DUCHA_TIMEZONE', 'DUCHA_CRON', 'DATABASE_URL', 'LARK_DOMAIN', 'LARK_APP_SECRET']) {
      problemAbout(problems, name);
    }
  });

  // The spec: "a clear message names each bad or missing value" -- all at once, not one fix at a time.
  it('reports values missing for a real Lark app alongside other bad values', () => {
    const problems = problemsOf({ PORT: 'eighty', DUCHA_CRON: 'maybe', LARK_APP_ID: 'cli_a1b2c3' });
    for (const name of ['PORT', 'DUCHA_CRON', 'LARK_APP_SECRET', 'LARK_VERIFICATION_TOKEN']) {
      problemAbout(problems, name);
    }
  });
});
