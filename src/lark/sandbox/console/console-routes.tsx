import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { SettableClock, type Clock } from '../../../clock.js';
import { consoleTexts as t } from '../../../texts/console-texts.js';
import type { SandboxChange, SandboxState } from '../sandbox-state.js';
import { ChatView } from './chat-view.js';
import { listConsoleChats } from './console-chats.js';
import { ChatList, ConsolePage } from './console-page.js';
import type { ConsoleSources } from './console-sources.js';
import { instantOfLocal, localTime } from './local-time.js';
import { SideView } from './side-view.js';

const jumpBody = z.object({ at: z.string() });
/** A stream with nothing to say still writes now and then, so proxies and browsers keep it open. */
const HEARTBEAT_MS = 15_000;

/**
 * The sandbox console: a page at / that shows the chats as Lark draws them and lets a person act
 * as anyone, and the fragments and live stream it reads. Served only in sandbox mode; the client
 * script is built by `npm run build` into `bundleDir`.
 */
export function createConsoleRoutes(
  state: SandboxState,
  app: { clock: Clock; tick(): Promise<unknown>; sources: ConsoleSources; bundleDir: string },
): Hono {
  const routes = new Hono();
  const { sources } = app;
  const chatsNow = async () => listConsoleChats(await sources.people(), state.messages, state.chatNames);
  // The tick delivers what it sent before it returns: what landed in the chats meanwhile is what it sent.
  const tickCounting = async () => {
    const before = state.messages.length;
    const tick = await app.tick();
    return { tick, landed: state.messages.slice(before).filter((m) => m.sender.type === 'bot').length };
  };

  routes.get('/', async (c) => {
    const people = await sources.people();
    return c.html(<ConsolePage people={people} chats={listConsoleChats(people, state.messages, state.chatNames)} now={app.clock.now()} timezone={sources.timezone} />);
  });

  // The script and the chunks it loads (VChart): file names esbuild made, nothing else.
  routes.get('/sandbox/console/:script{[A-Za-z0-9_-]+\\.js}', async (c) => {
    const script = await readFile(join(app.bundleDir, c.req.param('script'))).catch(() => undefined);
    if (!script) return c.text(`alert(${JSON.stringify(t.bundleMissing)})`, 503, { 'content-type': 'text/javascript; charset=utf-8' });
    return c.body(script, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
  });

  routes.get('/sandbox/console/chats', async (c) => c.html(<ChatList chats={await chatsNow()} active={c.req.query('active')} query={c.req.query('q') ?? ''} />));

  routes.get('/sandbox/console/chats/:chatId', async (c) => {
    const chatId = c.req.param('chatId');
    const people = await sources.people();
    const chat = listConsoleChats(people, state.messages, state.chatNames).find((x) => x.chatId === chatId);
    if (!chat) return c.text('no such chat', 404);
    const messages = state.messages.filter((m) => m.chat_id === chatId);
    const byOpenId = new Map(people.map((p) => [p.openId, p]));
    return c.html(<ChatView chat={chat} messages={messages} people={byOpenId} actor={c.req.query('as')} timezone={sources.timezone} />);
  });

  routes.get('/sandbox/console/side', async (c) => {
    const now = app.clock.now();
    const [milestones, outbox] = await Promise.all([sources.milestones(now), sources.outbox(now)]);
    return c.html(<SideView now={now} timezone={sources.timezone} milestones={milestones} outbox={outbox} />);
  });

  // Jump: set the app's clock to a wall-clock time in the county, then run the scheduler as a tick would.
  routes.post('/sandbox/console/jump', async (c) => {
    const parsed = jumpBody.safeParse(await c.req.json().catch(() => undefined));
    const at = parsed.success ? instantOfLocal(parsed.data.at, sources.timezone) : undefined;
    if (!at) return c.json({ error: 'expected {"at": "2026-12-01T09:00"} (wall-clock time in the county)' }, 400);
    if (!(app.clock instanceof SettableClock)) return c.json({ error: 'this clock cannot be set' }, 409);
    app.clock.set(at);
    state.notify({ kind: 'clock', now: at.toISOString() });
    const { tick, landed } = await tickCounting();
    return c.json({ now: at.toISOString(), tick, message: `${t.clockSet(localTime(at, sources.timezone))}；${t.tickDone(landed)}` });
  });

  routes.post('/sandbox/console/tick', async (c) => {
    const { tick, landed } = await tickCounting();
    return c.json({ tick, message: t.tickDone(landed) });
  });

  routes.get('/sandbox/console/resources/:messageId/:key', (c) => {
    const resource = state.resources.get(`${c.req.param('messageId')}/${c.req.param('key')}`);
    if (!resource) return c.text('no such resource', 404);
    return c.body(resource.bytes.slice().buffer, 200, { 'content-type': resource.type === 'image' ? 'image/png' : 'application/octet-stream' });
  });

  routes.get('/sandbox/console/stream', (c) =>
    streamSSE(c, async (stream) => {
      const changes: SandboxChange[] = [];
      let wake: (() => void) | undefined;
      const stop = state.watch((change) => {
        changes.push(change);
        wake?.();
      });
      stream.onAbort(() => {
        stop();
        wake?.();
      });
      await stream.writeSSE({ event: 'hello', data: JSON.stringify({ now: app.clock.now().toISOString() }) });
      while (!stream.aborted && !state.closed) {
        const change = changes.shift();
        if (change) {
          await stream.writeSSE({ event: 'change', data: JSON.stringify(change) });
          continue;
        }
        let timer: ReturnType<typeof setTimeout> | undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, HEARTBEAT_MS);
        });
        clearTimeout(timer);
        wake = undefined;
        if (changes.length === 0 && !stream.aborted) await stream.writeSSE({ event: 'ping', data: '' });
      }
      stop();
    }),
  );

  return routes;
}
