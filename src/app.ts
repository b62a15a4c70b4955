import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { pingDatabase } from './db/queries/ping.js';
import type { Deps } from './deps.js';
import { messageOf, statusOf } from './errors.js';
import { createWebhookRoutes } from './lark/webhook/webhook-routes.js';

export type AppOptions = {
  /**
   * Present only in sandbox mode: the local Lark's routes (/open-apis, /sandbox), else they 404.
   * The entry loads them, so that the app (and the Worker bundle) never imports the sandbox.
   */
  sandboxRoutes?: Hono;
  /**
   * LARK_MODE=ws: how Lark's long connection is (the SDK's state, or `standby` while another
   * instance holds it), for /readyz; not ready once it has been down a while, or was refused.
   */
  larkConnection?: () => { state: string; ready: boolean };
};

/** The Hono app: routes and middleware only, no I/O at import. */
export function createApp(deps: Deps, options: AppOptions = {}) {
  const app = new Hono<{ Variables: { requestId: string } }>();

  app.use(async (c, next) => {
    const requestId = c.req.header('x-request-id') ?? randomUUID();
    c.set('requestId', requestId);
    const started = performance.now();
    await next();
    c.header('x-request-id', requestId);
    deps.log.info('request', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    const connection = options.larkConnection?.();
    const lark = connection ? { lark: connection.state } : {};
    try {
      await withTimeout(pingDatabase(deps.db), 2000);
    } catch (error) {
      deps.log.warn('readiness check failed', { requestId: c.get('requestId'), error });
      return c.json({ ok: false, database: 'down', ...lark }, 503);
    }
    if (connection && !connection.ready) return c.json({ ok: false, database: 'up', ...lark }, 503);
    return c.json({ ok: true, database: 'up', ...lark });
  });

  // With LARK_MODE=ws Lark pushes everything over the long connection: no door is open to it here.
  if (deps.config.larkMode === 'webhook') app.route('/', createWebhookRoutes(deps));

  if (options.sandboxRoutes) app.route('/', options.sandboxRoutes);

  app.notFound((c) => c.json({ error: messageOf('not_found') }, statusOf('not_found')));
  app.onError((error, c) => {
    deps.log.error('unhandled error', { requestId: c.get('requestId'), path: c.req.path, error });
    return c.json({ error: messageOf('internal') }, statusOf('internal'));
  });
  return app;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}
