/**
 * Fixed, public credentials of the local sandbox (they guard nothing real), so a CLI process can
 * deliver to the sandbox of a running server, as it would to Lark. The app id has the shape of a
 * real one (cli_ and 16 hex digits): the SDK opens no long connection for any other.
 */
export const SANDBOX_CREDENTIALS = {
  appId: 'cli_5a4db0c5d0c4a000',
  appSecret: 'sandbox-app-secret',
  encryptKey: 'sandbox-encrypt-key',
  verificationToken: 'sandbox-verification-token',
} as const;

/** The settings that make Ducha a real app of a sandbox running at `larkUrl` (the Worker, or Node beside `npm run sandbox`). */
export const sandboxAppEnv = (larkUrl: string) => ({
  LARK_APP_ID: SANDBOX_CREDENTIALS.appId,
  LARK_APP_SECRET: SANDBOX_CREDENTIALS.appSecret,
  LARK_ENCRYPT_KEY: SANDBOX_CREDENTIALS.encryptKey,
  LARK_VERIFICATION_TOKEN: SANDBOX_CREDENTIALS.verificationToken,
  LARK_DOMAIN: larkUrl,
});
