import { serve } from '@hono/node-server';
import { SettableClock, systemClock } from '../clock.js';
import { createStandaloneSandbox } from '../lark/sandbox/standalone-sandbox.js';
import { SandboxState, sandboxAppEnv } from '../lark/sandbox/sandbox-state.js';
import { buildDemoChatMembers, buildDemoDirectory } from '../domain/roster/demo-county.js';

/**
 * `npm run sandbox`: the local Lark on its own, for a Ducha that runs as a real app against it
 * (the Worker under `wrangler dev`, or Node with LARK_DOMAIN set). SANDBOX_PORT (default 9000),
 * DUCHA_APP_URL where events go (default http://127.0.0.1:8787), DUCHA_SANDBOX_CLOCK optional.
 */
const port = Number(process.env.SANDBOX_PORT ?? 9000);
const appUrl = process.env.DUCHA_APP_URL ?? 'http://127.0.0.1:8787';
const clockStart = process.env.DUCHA_SANDBOX_CLOCK;
const state = new SandboxState(clockStart ? new SettableClock(new Date(clockStart)) : systemClock);
state.appUrl = appUrl.replace(/\/+$/, '');
// The tenant's people: the demo county's, whom a roster may name by mobile or email (POST /sandbox/users adds others).
state.addUsers(buildDemoDirectory().map((p) => ({ open_id: p.openId, mobile: p.mobile, email: p.email, in_scope: true })));
// Lark knows who is in each chat: the demo county's chats, for 「群成员」 to list.
for (const [chatId, members] of buildDemoChatMembers()) state.addChatMembers(chatId, members);

const server = serve({ fetch: createStandaloneSandbox(state).fetch, port, hostname: '127.0.0.1' }, (info) => {
  process.stderr.write(
    `Lark sandbox on http://127.0.0.1:${info.port}, delivering events to ${state.appUrl}\n` +
      'Configure Ducha with\n' +
      Object.entries(sandboxAppEnv(`http://127.0.0.1:${info.port}`))
        .map(([k, v]) => `  ${k}=${v}\n`)
        .join(''),
  );
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('SIGINT', () => server.close(() => process.exit(0)));
