import { z } from 'zod';

/**
 * Lark's send limits (lark-platform.md §5.4): 5 messages/s into one chat or to one user, and
 * 50 requests/s and 1000/min per API for the app. Lark measures where requests arrive, so the
 * outbox aims below each limit and spaces sends evenly instead of bursting.
 */
export type SendLimits = {
  /** Requests per second for the app, per API (send and reply each). */
  appPerSecond: number;
  /** Requests per rolling minute for the app, per API (counted over 60.25 s: see the rate limiter). */
  appPerMinute: number;
  /** Messages per second into one chat or to one user (one `rate_key`). */
  targetPerSecond: number;
};

/** Lark allows 50/s and 1000/min per API and 5/s per target. */
export const DEFAULT_SEND_LIMITS: SendLimits = { appPerSecond: 40, appPerMinute: 1000, targetPerSecond: 4 };

/** A secret is either absent or a real value: an empty string is a mistake, never a default. */
const secret = z
  .string()
  .refine((v) => v.trim().length > 0, { message: 'is set but empty; unset it or give a value' })
  .optional();

const larkDomain = z
  .string()
  .default('feishu')
  .refine((v) => v === 'feishu' || v === 'lark' || /^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(v), {
    message: "must be 'feishu', 'lark' or a base URL such as http://127.0.0.1:9000",
  })
  .transform((v) => v.replace(/\/+$/, ''));

const timezone = z
  .string()
  .default('Asia/Shanghai')
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'is not an IANA time zone such as Asia/Shanghai' },
  );

const CRON_MESSAGE = "is not a cron expression such as '* * * * *'";

/** Five or six fields of cron characters; node-cron judges the rest where it runs (see loadConfig). */
function looksLikeCron(value: string): boolean {
  const fields = value.trim().split(/\s+/);
  return (fields.length === 5 || fields.length === 6) && fields.every((f) => /^[\w*/,?-]+$/.test(f));
}

const positiveInt = (fallback: number, larkLimit: number) =>
  z
    .string()
    .default(String(fallback))
    .refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= larkLimit, {
      message: `must be a whole number from 1 to ${larkLimit} (Lark's limit)`,
    })
    .transform(Number);

export const configSchema = z
  .object({
    PORT: z
      .string()
      .default('8787')
      .refine((v) => /^\d{1,5}$/.test(v) && Number(v) <= 65535, { message: 'must be a port number from 0 to 65535' })
      .transform(Number),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
      .optional(),
    DUCHA_DATA_DIR: z.string().min(1).default('.data/pglite'),
    /** Node only: the folder evidence photos and files are kept in (the database holds their metadata). */
    DUCHA_EVIDENCE_DIR: z.string().min(1).default('.data/evidence'),
    LARK_APP_ID: secret,
    LARK_APP_SECRET: secret,
    LARK_ENCRYPT_KEY: secret,
    LARK_VERIFICATION_TOKEN: secret,
    LARK_DOMAIN: larkDomain,
    /**
     * How Lark reaches Ducha: `webhook` (Lark POSTs to /lark/events and /lark/card, a public URL)
     * or `ws` (Ducha holds an outbound long connection, for servers with no inbound access).
     */
    LARK_MODE: z.enum(['webhook', 'ws'], { message: "must be 'webhook' (Lark posts to a public URL) or 'ws' (Ducha keeps a long connection to Lark)" }).default('webhook'),
    DUCHA_TIMEZONE: timezone,
    DUCHA_CRON: z.enum(['on', 'off'], { message: "must be 'on' or 'off'" }).default('on'),
    /** How often node-cron calls the tick (a 5- or 6-field cron expression). */
    DUCHA_TICK_CRON: z
      .string()
      .default('* * * * *')
      .refine(looksLikeCron, { message: CRON_MESSAGE }),
    /** Lark's limits are 50/s and 1000/min per API for the app and 5/s per chat or user: stay below them. */
    DUCHA_SEND_APP_PER_SECOND: positiveInt(DEFAULT_SEND_LIMITS.appPerSecond, 50),
    DUCHA_SEND_APP_PER_MINUTE: positiveInt(DEFAULT_SEND_LIMITS.appPerMinute, 1000),
    DUCHA_SEND_TARGET_PER_SECOND: positiveInt(DEFAULT_SEND_LIMITS.targetPerSecond, 5),
    /**
     * Events handled inside their request at once (see lark/webhook/inline-gate.ts); past it, and
     * with 0 always, an event is stored at its 200 and handled after it.
     */
    DUCHA_EVENTS_INLINE: z
      .string()
      .default('48')
      .refine((v) => /^\d+$/.test(v) && Number(v) <= 1000, { message: 'must be a whole number from 0 to 1000 (0: store every event first)' })
      .transform(Number),
    /** Sandbox mode only: where the sandbox's clock starts (it keeps running from there). */
    DUCHA_SANDBOX_CLOCK: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 instant with an offset' }).optional(),
    DUCHA_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  });

const SECRET_KEYS = ['LARK_APP_ID', 'LARK_APP_SECRET', 'LARK_ENCRYPT_KEY', 'LARK_VERIFICATION_TOKEN'];

/** Cross-field rules, checked on the raw env so they are reported alongside any bad single value. */
function crossFieldProblems(env: Record<string, string | undefined>): string[] {
  const set = (key: string) => env[key] !== undefined;
  if (set('LARK_APP_ID')) {
    // Over the long connection nothing is signed or tokened: the connection itself is the app's.
    const required = env.LARK_MODE === 'ws' ? ['LARK_APP_SECRET'] : ['LARK_APP_SECRET', 'LARK_VERIFICATION_TOKEN'];
    return [
      ...required.filter((key) => !set(key)).map((key) => `${key} is required when LARK_APP_ID is set`),
      ...(env.LARK_MODE === 'ws' && !/^cli_[0-9a-fA-F]{16}$/.test(env.LARK_APP_ID!)
        ? ["LARK_APP_ID must look like cli_ and 16 hex digits for LARK_MODE=ws (Lark's SDK will not open a long connection for another)"]
        : []),
      ...(set('DUCHA_SANDBOX_CLOCK') && !isLocalUrl(env.LARK_DOMAIN)
        ? ['DUCHA_SANDBOX_CLOCK moves the clock only while Lark is a local sandbox (LARK_DOMAIN on 127.0.0.1 or localhost); unset it with a real Lark app']
        : []),
    ];
  }
  return ['LARK_APP_SECRET', 'LARK_ENCRYPT_KEY', 'LARK_VERIFICATION_TOKEN']
    .filter(set)
    .map((key) => `${key} is set but LARK_APP_ID is not; set LARK_APP_ID too, or unset it to run the local Lark sandbox`);
}

/** A Lark sandbox on this machine, e.g. the one `npm run test:worker` starts beside the Worker. */
function isLocalUrl(domain: string | undefined): boolean {
  if (!domain || !/^https?:\/\//.test(domain)) return false;
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(domain).hostname);
  } catch {
    return false;
  }
}

type RawConfig = z.output<typeof configSchema>;

export type LarkSettings = {
  appId: string;
  appSecret: string;
  encryptKey: string | undefined;
  /** Empty only with LARK_MODE=ws, where no webhook is served to check it on. */
  verificationToken: string;
  /** 'feishu', 'lark' or a base URL. */
  domain: string;
};

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Where evidence bytes are kept on Node (DUCHA_EVIDENCE_DIR). */
  evidenceDir: string;
  timezone: string;
  cron: boolean;
  tickCron: string;
  sendLimits: SendLimits;
  /** Events handled inside their request at once; 0: every event is stored first, handled after its 200. */
  eventsHandledInline: number;
  /** Sandbox mode: the instant the app's clock starts at (else now). */
  sandboxClockStart: Date | undefined;
  logLevel: RawConfig['DUCHA_LOG_LEVEL'];
  /** `webhook`: Lark posts to /lark/*; `ws`: events and card callbacks come over the SDK's long connection. */
  larkMode: RawConfig['LARK_MODE'];
  /** Undefined means sandbox mode: Ducha runs its own local Lark. */
  lark: LarkSettings | undefined;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses settings once at start; every bad or missing value is named in one error. */
export function loadConfig(
  rawEnv: Record<string, string | undefined>,
  options: {
    /**
     * The scheduler's own check of DUCHA_TICK_CRON (node-cron's `validate` on Node). Passed in
     * rather than imported, so the Worker bundle carries no node-cron: it reads files at import.
     */
    isCronExpression?: (expression: string) => boolean;
  } = {},
): Config {
  // An empty setting means "use the default", except for secrets, where it is a mistake.
  const env = Object.fromEntries(
    Object.entries(rawEnv).filter(([key, value]) => value !== '' || SECRET_KEYS.includes(key)),
  );
  const parsed = configSchema.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'} ${i.message}`)),
    ...crossFieldProblems(env),
  ];
  const tickCron = env.DUCHA_TICK_CRON;
  if (tickCron !== undefined && looksLikeCron(tickCron) && options.isCronExpression && !options.isCronExpression(tickCron)) {
    problems.push(`DUCHA_TICK_CRON ${CRON_MESSAGE}`);
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data!;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DUCHA_DATA_DIR,
    evidenceDir: e.DUCHA_EVIDENCE_DIR,
    timezone: e.DUCHA_TIMEZONE,
    cron: e.DUCHA_CRON === 'on',
    tickCron: e.DUCHA_TICK_CRON,
    sendLimits: {
      appPerSecond: e.DUCHA_SEND_APP_PER_SECOND,
      appPerMinute: e.DUCHA_SEND_APP_PER_MINUTE,
      targetPerSecond: e.DUCHA_SEND_TARGET_PER_SECOND,
    },
    eventsHandledInline: e.DUCHA_EVENTS_INLINE,
    sandboxClockStart: e.DUCHA_SANDBOX_CLOCK ? new Date(e.DUCHA_SANDBOX_CLOCK) : undefined,
    logLevel: e.DUCHA_LOG_LEVEL,
    larkMode: e.LARK_MODE,
    lark: e.LARK_APP_ID
      ? {
          appId: e.LARK_APP_ID,
          appSecret: e.LARK_APP_SECRET!,
          encryptKey: e.LARK_ENCRYPT_KEY,
          verificationToken: e.LARK_VERIFICATION_TOKEN ?? '',
          domain: e.LARK_DOMAIN,
        }
      : undefined,
  };
}
